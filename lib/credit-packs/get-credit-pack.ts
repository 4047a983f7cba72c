import "server-only";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { packDto, type CreditPackDto } from "./pack-dto";

/** One pack, for the admin's edit page. */
export async function getCreditPack(actor: Actor, packId: string): Promise<CreditPackDto> {
  assertAdmin(actor);
  const pack = isUuid(packId) ? await prisma.creditPack.findUnique({ where: { id: packId } }) : null;
  if (!pack) throw new AppError("NOT_FOUND", "No such credit pack");
  return packDto(pack);
}
