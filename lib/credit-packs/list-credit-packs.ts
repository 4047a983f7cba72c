import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin, assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { packDto, type CreditPackDto } from "./pack-dto";

/** Every pack, active first, for the admin page. */
export async function listCreditPacks(actor: Actor): Promise<CreditPackDto[]> {
  assertAdmin(actor);
  const packs = await prisma.creditPack.findMany({ orderBy: [{ active: "desc" }, { currency: "asc" }, { priceMinor: "asc" }] });
  return packs.map(packDto);
}

/** The packs a customer can buy: active, in the customer's currency, cheapest first. */
export async function listPacksForCustomer(actor: Actor, customerId: string): Promise<CreditPackDto[]> {
  assertCanActForCustomer(actor, customerId);
  const customer = await prisma.customer.findUnique({ where: { id: customerId }, select: { currency: true } });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const packs = await prisma.creditPack.findMany({ where: { active: true, currency: customer.currency }, orderBy: { priceMinor: "asc" } });
  return packs.map(packDto);
}
