import type Decimal from "decimal.js";
import type { CurrencyCode } from "@/lib/money/currencies";
import { toDecimal, type DecimalInput } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";
import { rateIncrement } from "@/lib/rating/rate-increment";

/**
 * What `units` more usage costs where the period stands (after `usedSoFar` units), in minor units: the
 * rating engine's price of the increment (free while included units last, at the tier reached), rounded
 * once with the one rule. The cost impact a spike is judged by.
 */
export function spikeCost(
  priceModel: unknown,
  usedSoFar: DecimalInput,
  units: Decimal,
  currency: CurrencyCode,
): bigint {
  const model = priceModelSchema.parse(priceModel) as PriceModel;
  const before = toDecimal(usedSoFar);
  return toMinorUnits(rateIncrement(model, before.isNegative() ? 0 : before, units), currency);
}
