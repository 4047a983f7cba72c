import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";

/** A customer the actor may act for (a member: their own; an admin: any). */
export async function getCustomer(actor: Actor, customerId: string) {
  assertCanActForCustomer(actor, customerId);
  const customer = await prisma.customer.findUnique({ where: { id: customerId }, select: { id: true, externalId: true, name: true, currency: true } });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  return customer;
}
