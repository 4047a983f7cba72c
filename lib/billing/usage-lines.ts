import type { CurrencyCode } from "@/lib/money/currencies";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import { formatQuantity } from "@/lib/money/format-major";
import { toMinorUnits } from "@/lib/money/round";
import { priceLine } from "@/lib/plans/price-line";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";
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
      const model = priceModelSchema.parse(p.priceModel) as PriceModel;
      const row = byMeter.get(p.meterId);
      const quantity = row ? new MoneyDecimal(row.quantity.toString()) : ZERO;
      const amount = row ? new MoneyDecimal(row.amount.toString()) : ZERO;
      const included = new MoneyDecimal(model.includedUnits ?? "0");
      const left = included.minus(quantity.isNegative() ? ZERO : quantity);
      return {
        kind: "USAGE" as const,
        description: `${p.meter.name}: ${formatQuantity(quantity)} ${p.meter.unit}`,
        subscriptionId: sub.id,
        meterId: p.meterId,
        fromAt: from,
        toAt: to,
        quantity: quantity.toFixed(),
        includedUnits: included.toFixed(),
        amountExact: amount.toFixed(),
        amountMinor: toMinorUnits(amount, currency),
        details: {
          meterKey: p.meter.key,
          unit: p.meter.unit,
          freeUnitsLeft: (left.isNegative() ? ZERO : left).toFixed(),
          breakdown: priceLine(model, quantity, currency).breakdown,
        },
      };
    });
}
