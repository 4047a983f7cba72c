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
      const f = meterFigures(p.priceModel, byMeter.get(p.meterId), currency);
      return {
        meter: p.meter,
        price: describePrice(f.model, currency, p.meter.unit),
        quantity: f.quantity.toFixed(),
        includedUnits: f.includedUnits,
        freeUnitsLeft: f.freeUnitsLeft,
        amount: f.amount.toFixed(),
        charge: moneyDto(f.amountMinor, currency),
        breakdown: f.breakdown,
      };
    })
    .sort((a, b) => a.meter.name.localeCompare(b.meter.name));
}

/**
 * A priced meter's figures for a period from its running-charge row (none: no usage yet): the quantity, the
 * unrounded amount kept at ingest and that amount rounded once, the free units and those left, and the
 * tier breakdown of the quantity. The Plan page's lines and the invoice's usage lines both read these.
 */
export function meterFigures(priceModel: unknown, row: ChargeRow | undefined, currency: CurrencyCode) {
  const model = priceModelSchema.parse(priceModel) as PriceModel;
  const quantity = row ? new MoneyDecimal(row.quantity.toString()) : ZERO;
  const amount = row ? new MoneyDecimal(row.amount.toString()) : ZERO;
  const included = new MoneyDecimal(model.includedUnits ?? "0");
  const left = included.minus(quantity.isNegative() ? ZERO : quantity);
  return {
    model,
    quantity,
    amount,
    amountMinor: toMinorUnits(amount, currency),
    includedUnits: included.toFixed(),
    freeUnitsLeft: (left.isNegative() ? ZERO : left).toFixed(),
    breakdown: priceLine(model, quantity, currency).breakdown,
  };
}
