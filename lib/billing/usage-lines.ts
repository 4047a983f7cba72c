import type { CurrencyCode } from "@/lib/money/currencies";
import { formatQuantity } from "@/lib/money/format-major";
import { meterFigures } from "@/lib/period-charges/meter-charges";
import type { BillingPeriod } from "@/lib/subscriptions/billing-period";
import type { ComposedLine, PeriodSubscription } from "./invoice-types";

/**
 * One line per priced meter of the subscription's version, in meter-name order: the period's quantity and
 * its running charge as kept at ingest (period_meter_charges.amount, unrounded), rounded once, with the
 * tier-by-tier breakdown of that quantity. A meter with no usage shows a zero line.
 */
export function usageLines(
  sub: PeriodSubscription,
  period: BillingPeriod,
  currency: CurrencyCode,
): ComposedLine[] {
  const byMeter = new Map(sub.charges.map((c) => [c.meterId, c]));
  const from = sub.startedAt > period.start ? sub.startedAt : period.start;
  const to = sub.endsAt && sub.endsAt < period.end ? sub.endsAt : period.end;
  return [...sub.version.prices]
    .sort((a, b) => a.meter.name.localeCompare(b.meter.name) || a.meter.key.localeCompare(b.meter.key))
    .map((p) => {
      const f = meterFigures(p.priceModel, byMeter.get(p.meterId), currency);
      return {
        kind: "USAGE" as const,
        description: `${p.meter.name}: ${formatQuantity(f.quantity)} ${p.meter.unit}`,
        subscriptionId: sub.id,
        meterId: p.meterId,
        fromAt: from,
        toAt: to,
        quantity: f.quantity.toFixed(),
        includedUnits: f.includedUnits,
        amountExact: f.amount.toFixed(),
        amountMinor: f.amountMinor,
        details: {
          meterKey: p.meter.key,
          unit: p.meter.unit,
          freeUnitsLeft: f.freeUnitsLeft,
          breakdown: f.breakdown,
        },
      };
    });
}
