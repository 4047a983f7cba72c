import "server-only";
import { moneyDto } from "@/lib/money/money-dto";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency } from "@/lib/money/currencies";
import type { CreditSummaryDto } from "./credit-dto";
import { grantDto, purchaseDto } from "./credit-mappers";
import { declineNotice } from "./decline-notice";

const RECENT_PURCHASES = 5;

/**
 * The customer's balance, open grants (soonest expiry first), recent purchases and auto-recharge settings,
 * from the wallet row and indexed reads (no ledger scan). Members see only their own customer (others: 404).
 */
export async function getCreditSummary(actor: Actor, customerId: string, now = new Date()): Promise<CreditSummaryDto> {
  assertCanActForCustomer(actor, customerId);
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", "No such customer");
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    select: {
      currency: true,
      creditWallet: {
        select: {
          balanceMinor: true,
          lowBalanceAlertMinor: true,
          grants: { where: { remainingMinor: { gt: 0 } }, orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { priority: "asc" }, { createdAt: "asc" }] },
          purchases: { orderBy: { createdAt: "desc" }, take: RECENT_PURCHASES },
          autoRecharge: { include: { pack: { select: { name: true } } } },
        },
      },
    },
  });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const currency = parseCurrency(customer.currency);
  const w = customer.creditWallet;
  const ar = w?.autoRecharge ?? null;
  return {
    customerId,
    currency,
    balance: moneyDto(w?.balanceMinor ?? 0n, currency),
    lowBalanceAlert: w?.lowBalanceAlertMinor != null ? moneyDto(w.lowBalanceAlertMinor, currency) : null,
    grants: (w?.grants ?? []).map((g) => grantDto(g, currency)),
    purchases: (w?.purchases ?? []).map((p) => purchaseDto(p, currency)),
    declineNotice: declineNotice(w?.purchases ?? [], currency),
    autoRecharge: ar && {
      enabled: ar.enabled,
      threshold: moneyDto(ar.thresholdMinor, currency),
      packId: ar.packId,
      packName: ar.pack?.name ?? null,
      card: ar.cardLabel,
      consecutiveFailures: ar.consecutiveFailures,
      lastFailureMessage: ar.lastFailureMessage,
      lastFailureAt: ar.lastFailureAt?.toISOString() ?? null,
      disabledReason: ar.disabledReason,
    },
    asOf: now.toISOString(),
  };
}
