import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { lockCustomerCurrency } from "./customer-currency";
import { parseAmount, parseExpiry, promotionalInput } from "./admin-credit-input";
import { grantCredits } from "./grant-credits";
import { prismaSql } from "@/lib/db/sql";

/** An admin grants promotional credits (optionally expiring) to a customer; audited in the same transaction. */
export async function grantPromotionalCredits(
  actor: Actor,
  customerId: string,
  input: unknown,
  now = new Date(),
): Promise<{ grantId: string; balanceMinor: bigint }> {
  assertAdmin(actor);
  const p = promotionalInput.parse(input);
  const expiresAt = parseExpiry(p.expiresAt, now);
  return prisma.$transaction(async (tx) => {
    const currency = await lockCustomerCurrency(tx, customerId);
    const amountMinor = parseAmount(p.amount, currency, { signed: false });
    const sql = prismaSql(tx);
    const result = await grantCredits(sql, {
      customerId,
      kind: "PROMOTIONAL",
      amountMinor,
      currency,
      description: p.description,
      priority: p.priority,
      expiresAt,
      actorId: actor.userId,
    });
    if (!result) throw new Error("promotional grant was not made");
    await recordAudit(
      actor,
      "credits.granted",
      customerId,
      {
        grantId: result.grantId,
        kind: "PROMOTIONAL",
        amountMinor: amountMinor.toString(),
        expiresAt,
        description: p.description,
      },
      tx,
    );
    return { grantId: result.grantId, balanceMinor: result.wallet.balanceMinor };
  });
}
