import { describePrice } from "@/lib/plans/describe-price";
import { priceLine } from "@/lib/plans/price-line";
import { moneyDto } from "@/lib/money/money-dto";
import type { CurrencyCode } from "@/lib/money/currencies";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";
import type { MeterCharge } from "./usage-summary-types";

type PriceRow = { meterId: string; priceModel: unknown; meter: { key: string; name: string; unit: string } };
type ChargeRow = { meterId: string; quantity: { toString(): string }; amount: { toString(): string } };

/**
 * One line per priced meter: the running charge kept at ingest (rounded once, half-even), the free
 * units left and the tier breakdown of the quantity so far. Meters with no usage yet show zero.
 */
export function meterCharges(prices: PriceRow[], rows: ChargeRow[], currency: CurrencyCode): MeterCharge[] {
  const byMeter = new Map(rows.map((r) => [r.meterId, r]));
  return prices
    .map((p) => {
      const model = priceModelSchema.parse(p.priceModel) as PriceModel;
      const row = byMeter.get(p.meterId);
      const quantity = row ? new MoneyDecimal(row.quantity.toString()) : ZERO;
      const amount = row ? new MoneyDecimal(row.amount.toString()) : ZERO;
      const included = new MoneyDecimal(model.includedUnits ?? "0");
      const left = included.minus(quantity.isNegative() ? ZERO : quantity);
      return {
        meter: p.meter,
        price: describePrice(model, currency, p.meter.unit),
        quantity: quantity.toFixed(),
        includedUnits: included.toFixed(),
        freeUnitsLeft: (left.isNegative() ? ZERO : left).toFixed(),
        amount: amount.toFixed(),
        charge: moneyDto(toMinorUnits(amount, currency), currency),
        breakdown: priceLine(model, quantity, currency).breakdown,
      };
    })
    .sort((a, b) => a.meter.name.localeCompare(b.meter.name));
}
