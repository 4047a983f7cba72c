import type { CurrencyCode } from "@/lib/money/currencies";

/** What a refused prepaid write says: the customer's spendable balance and what the usage needed. */
export type CreditShortfall = { customerId: string; currency: CurrencyCode; balanceMinor: bigint; neededMinor: bigint };

/**
 * Thrown inside an ingestion write when a PREPAID customer's usage costs more than their balance. The
 * caller rolls the customer's writes back to a savepoint and refuses those events with 402; nothing of
 * them is stored and nothing is burned.
 */
export class InsufficientCreditsError extends Error {
  constructor(readonly shortfall: CreditShortfall) {
    super(`customer ${shortfall.customerId} has ${shortfall.balanceMinor} ${shortfall.currency} minor units of credits; the usage needs ${shortfall.neededMinor}`);
    this.name = "InsufficientCreditsError";
  }
}
