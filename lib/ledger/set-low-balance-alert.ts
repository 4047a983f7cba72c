import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors/app-error";
import { formatMinor } from "@/lib/money/format";
import { majorToMinor } from "@/lib/money/major-units";
import { lockOrCreateWallet } from "./wallet";

/**
 * The amount under which the customer is told their credits run low (`credits.balance_low`, email and
 * webhook), in major units ("20.00"); empty turns it off. Members of the customer and admins. A balance
 * already under it fires on the next entry that crosses it, not now.
 */
export async function setLowBalanceAlert(
  actor: Actor,
  customerId: string,
  amount: string,
): Promise<bigint | null> {
  assertCanActForCustomer(actor, customerId);
  return prisma.$transaction(async (tx) => {
    const wallet = await lockOrCreateWallet(prismaSql(tx), customerId);
    let minor: bigint | null = null;
    if (amount.trim() !== "") {
      const parsed = majorToMinor(amount, wallet.currency);
      if (!parsed.ok || parsed.minor <= 0n) {
        const message = parsed.ok ? "must be more than zero" : parsed.message;
        throw new AppError("UNPROCESSABLE", `amount: ${message}`, {
          problems: [{ field: "amount", rule: "amount", message }],
        });
      }
      minor = parsed.minor;
    }
    await tx.creditBalance.update({ where: { customerId }, data: { lowBalanceAlertMinor: minor } });
    await recordAudit(
      actor,
      "credits.low_balance_alert_set",
      customerId,
      { amount: minor === null ? null : formatMinor(minor, wallet.currency) },
      tx,
    );
    return minor;
  });
}
