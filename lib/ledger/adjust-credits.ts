import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { formatMinor } from "@/lib/money/format";
import { adjustmentInput, parseAmount } from "./admin-credit-input";
import { lockCustomerCurrency } from "./customer-currency";
import { debitWallet, spendableWallet } from "./debit-wallet";
import { grantCredits } from "./grant-credits";
import { prismaSql } from "@/lib/db/sql";
import { lockOrCreateWallet } from "./wallet";

/**
 * An admin corrects a customer's credits with a reason: a positive amount is an ADJUSTMENT grant (never
 * expires), a negative one takes credits in burn order with an ADJUSTMENT entry, and cannot take more than
 * the balance (422). The audit log records who, how much and why, in the same transaction.
 */
export async function adjustCredits(
  actor: Actor,
  customerId: string,
  input: unknown,
  now = new Date(),
): Promise<{ balanceMinor: bigint }> {
  assertAdmin(actor);
  const p = adjustmentInput.parse(input);
  return prisma.$transaction(async (tx) => {
    const currency = await lockCustomerCurrency(tx, customerId);
    const amountMinor = parseAmount(p.amount, currency, { signed: true });
    const sql = prismaSql(tx);
    let balanceMinor: bigint;
    if (amountMinor > 0n) {
      const result = await grantCredits(sql, {
        customerId,
        kind: "ADJUSTMENT",
        amountMinor,
        currency,
        description: p.reason,
        actorId: actor.userId,
      });
      balanceMinor = result!.wallet.balanceMinor;
    } else {
      const spendable = await spendableWallet(sql, await lockOrCreateWallet(sql, customerId), now);
      if (-amountMinor > spendable.wallet.balanceMinor) {
        const message = `the balance is ${formatMinor(spendable.wallet.balanceMinor, currency)}; at most that can be taken`;
        throw new AppError("UNPROCESSABLE", `amount: ${message}`, {
          problems: [{ field: "amount", rule: "within_balance", message }],
        });
      }
      balanceMinor = (
        await debitWallet(sql, spendable, -amountMinor, {
          kind: "ADJUSTMENT",
          description: p.reason,
          actorId: actor.userId,
        })
      ).wallet.balanceMinor;
    }
    await recordAudit(
      actor,
      "credits.adjusted",
      customerId,
      { amountMinor: amountMinor.toString(), reason: p.reason },
      tx,
    );
    return { balanceMinor };
  });
}
