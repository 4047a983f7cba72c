import type { Movement } from "./burn-order";

/** What one grant paid of one subscription period's usage. */
export type PeriodGrantCredit = {
  subscriptionId: string;
  periodStart: Date;
  grantId: string;
  amountMinor: bigint;
};

/**
 * Splits one burn between the periods it paid for and the grants it took from: the periods in the order the
 * burn credited them, each filled from the grants in burn order (the movements' order). Both sides sum to the
 * burn, so every minor unit of every period's credit names exactly one grant.
 */
export function pairPeriodGrants(
  periods: readonly { subscriptionId: string; periodStart: Date; amountMinor: bigint }[],
  movements: readonly Movement[],
): PeriodGrantCredit[] {
  const out: PeriodGrantCredit[] = [];
  const left = movements.map((m) => ({ grantId: m.grantId, amountMinor: -m.amountMinor }));
  let g = 0;
  for (const p of periods) {
    let need = p.amountMinor;
    while (need > 0n) {
      const grant = left[g];
      if (!grant) throw new RangeError(`the burn's grants hold less than its periods were credited`);
      const take = grant.amountMinor < need ? grant.amountMinor : need;
      if (take > 0n)
        out.push({
          subscriptionId: p.subscriptionId,
          periodStart: p.periodStart,
          grantId: grant.grantId,
          amountMinor: take,
        });
      grant.amountMinor -= take;
      need -= take;
      if (grant.amountMinor === 0n) g++;
    }
  }
  return out;
}
