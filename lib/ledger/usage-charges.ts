import type Decimal from "decimal.js";
import type { CurrencyCode } from "@/lib/money/currencies";
import { toMinorUnits } from "@/lib/money/round";

/** One running-charge row's move in an ingestion write (period_meter_charges.amount before and after). */
export type RatedChange = { customerId: string; subscriptionId: string; periodStart: Date; amountBefore: Decimal; amountAfter: Decimal };

export type SubscriptionTerms = { currency: CurrencyCode; prepaid: boolean };

/** A subscription period's rated change in minor units. */
export type PeriodCharge = { customerId: string; subscriptionId: string; periodStart: Date; prepaid: boolean; deltaMinor: bigint };

/**
 * The minor units each period's usage charge moved by: per meter row round(after) - round(before), with the
 * one rounding rule, summed per (customer, subscription, period). This is the rating engine's remainder
 * carry: however many writes a period's usage arrives in, the deltas add up to exactly the sum over its
 * meters of round(running charge), what the invoice lines show. Sorted by key (the lock order).
 */
export function periodCharges(changes: readonly RatedChange[], terms: ReadonlyMap<string, SubscriptionTerms>): PeriodCharge[] {
  const byKey = new Map<string, PeriodCharge>();
  for (const c of changes) {
    const t = terms.get(c.subscriptionId);
    if (!t) throw new Error(`no terms for subscription ${c.subscriptionId}`);
    const delta = toMinorUnits(c.amountAfter, t.currency) - toMinorUnits(c.amountBefore, t.currency);
    const key = `${c.customerId}|${c.subscriptionId}|${c.periodStart.toISOString()}`;
    const p = byKey.get(key);
    if (p) p.deltaMinor += delta;
    else byKey.set(key, { customerId: c.customerId, subscriptionId: c.subscriptionId, periodStart: c.periodStart, prepaid: t.prepaid, deltaMinor: delta });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

/** A period's ledger tally after this write's delta, and what credits paid of it before this write. */
export type PeriodTally = PeriodCharge & { ratedMinor: bigint; creditedMinor: bigint };

/** What one customer's burn must do. */
export type BurnPlan = {
  /** Credits paid for usage that now costs less (volume pricing, corrections): given back. */
  refunds: { period: PeriodTally; amountMinor: bigint }[];
  /** PREPAID usage: must be covered in full, or the write is refused. */
  requiredMinor: bigint;
  /** POSTPAID usage: covered as far as credits go; the rest is invoiced. */
  optionalMinor: bigint;
};

export function burnPlan(periods: readonly PeriodTally[]): BurnPlan {
  const plan: BurnPlan = { refunds: [], requiredMinor: 0n, optionalMinor: 0n };
  for (const p of periods) {
    const rated = p.ratedMinor > 0n ? p.ratedMinor : 0n;
    if (p.creditedMinor > rated) plan.refunds.push({ period: p, amountMinor: p.creditedMinor - rated });
    if (p.deltaMinor <= 0n) continue;
    if (p.prepaid) plan.requiredMinor += p.deltaMinor;
    else plan.optionalMinor += p.deltaMinor;
  }
  return plan;
}

/**
 * Splits what was burned over the periods: prepaid ones in full first, then postpaid ones in key order
 * as far as it goes. Returns the credited minor units per period key.
 */
export function creditedPerPeriod(periods: readonly PeriodTally[], burnedMinor: bigint): Map<string, bigint> {
  const out = new Map<string, bigint>();
  let left = burnedMinor;
  const ordered = [...periods.filter((p) => p.prepaid), ...periods.filter((p) => !p.prepaid)];
  for (const p of ordered) {
    if (left <= 0n || p.deltaMinor <= 0n) continue;
    const take = p.deltaMinor < left ? p.deltaMinor : left;
    out.set(periodKey(p), take);
    left -= take;
  }
  return out;
}

export const periodKey = (p: { subscriptionId: string; periodStart: Date }) => `${p.subscriptionId}|${p.periodStart.toISOString()}`;
