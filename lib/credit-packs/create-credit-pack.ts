import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { packDto, type CreditPackDto } from "./pack-dto";
import { parsePackInput } from "./pack-input";

/** An admin puts a credit pack on sale (or keeps it inactive until ready). */
export async function createCreditPack(actor: Actor, input: unknown): Promise<CreditPackDto> {
  assertAdmin(actor);
  const p = parsePackInput(input);
  const pack = await prisma.$transaction(async (tx) => {
    const created = await tx.creditPack.create({ data: p });
    await recordAudit(actor, "credit_pack.created", created.id, { ...p, priceMinor: String(p.priceMinor), creditsMinor: String(p.creditsMinor), bonusCreditsMinor: String(p.bonusCreditsMinor) }, tx);
    return created;
  });
  return packDto(pack);
}
