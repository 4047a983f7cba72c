import "server-only";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { packDto, type CreditPackDto } from "./pack-dto";
import { parsePackInput } from "./pack-input";

/**
 * An admin edits a pack. Purchases already started keep the price and credits they were made with; the
 * currency never changes (customers' auto-recharge settings point at the pack): make a new pack instead.
 */
export async function updateCreditPack(actor: Actor, packId: string, input: unknown): Promise<CreditPackDto> {
  assertAdmin(actor);
  const p = parsePackInput(input);
  if (!isUuid(packId)) throw new AppError("NOT_FOUND", "No such credit pack");
  const pack = await prisma.$transaction(async (tx) => {
    const current = await tx.creditPack.findUnique({ where: { id: packId } });
    if (!current) throw new AppError("NOT_FOUND", "No such credit pack");
    if (current.currency !== p.currency) {
      const message = `a pack's currency stays ${current.currency}; make a new pack for ${p.currency}`;
      throw new AppError("UNPROCESSABLE", message, { problems: [{ field: "currency", rule: "immutable", message }] });
    }
    const updated = await tx.creditPack.update({ where: { id: packId }, data: p });
    await recordAudit(actor, "credit_pack.updated", packId, { name: p.name, active: p.active, priceMinor: String(p.priceMinor), creditsMinor: String(p.creditsMinor), bonusCreditsMinor: String(p.bonusCreditsMinor) }, tx);
    return updated;
  });
  return packDto(pack);
}
