import type { CurrencyCode } from "@/lib/money/currencies";
import { MoneyDecimal } from "@/lib/money/decimal";
import { fromMinorUnits, toMinorUnits } from "@/lib/money/round";
import type { BillingPeriod } from "@/lib/subscriptions/billing-period";
import { secondsLeft } from "@/lib/subscriptions/proration";
import type { ComposedLine, PeriodSubscription } from "./invoice-types";
import { formatDay } from "@/lib/dates/format-date";

/**
 * The base fee a subscription owes for the part of the period it was in force: the whole fee for the
 * whole period, else fee × covered seconds / period seconds (seconds counted as lib/subscriptions/proration
 * counts them), rounded once. Nothing while the subscription was in its trial. Null when the plan has no fee.
 */
export function baseFeeLine(
  sub: PeriodSubscription,
  period: BillingPeriod,
  currency: CurrencyCode,
): ComposedLine | null {
  const fee = sub.version.baseFeeMinor;
  if (fee === 0n) return null;
  const from = sub.startedAt > period.start ? sub.startedAt : period.start;
  const to = sub.endsAt && sub.endsAt < period.end ? sub.endsAt : period.end;
  const { periodSeconds, remainingSeconds: fromLeft } = secondsLeft(period, from);
  const toLeft = to.getTime() >= period.end.getTime() ? 0 : secondsLeft(period, to).remainingSeconds;
  const coveredSeconds = Math.max(0, fromLeft - toLeft);
  const prorated = coveredSeconds !== periodSeconds;
  const trial = sub.trialEndsAt !== null && sub.trialEndsAt.getTime() >= to.getTime();
  // Kept to the 30 decimal places invoice_lines.amount_exact stores, so a stored line reads back as composed.
  const share = prorated
    ? fromMinorUnits(fee, currency).times(coveredSeconds).dividedBy(periodSeconds).toDecimalPlaces(30)
    : fromMinorUnits(fee, currency);
  const exact = trial ? new MoneyDecimal(0) : share;
  const name = `${sub.version.planName} (v${sub.version.number})`;
  const span = `${formatDay(from)} – ${formatDay(to)}`;
  const suffix = trial ? ", trial" : prorated ? ", prorated" : "";
  return {
    kind: "BASE_FEE",
    description: `${name} base fee, ${span}${suffix}`,
    subscriptionId: sub.id,
    meterId: null,
    fromAt: from,
    toAt: to,
    quantity: null,
    includedUnits: null,
    amountExact: exact.toFixed(),
    amountMinor: toMinorUnits(exact, currency),
    details: { feeMinor: fee.toString(), periodSeconds, coveredSeconds, prorated, trial },
  };
}
