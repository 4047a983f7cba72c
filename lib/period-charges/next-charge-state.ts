import type Decimal from "decimal.js";
import type { Aggregation } from "@/lib/db/generated/enums";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { rateIncrement } from "@/lib/rating/rate-increment";

/** A period_meter_charges row's state. Invariant: amount = price(max(quantity, 0)), exactly. */
export type ChargeState = { quantity: Decimal; amount: Decimal; latestAt: Date | null };

export type UsageChange = {
  sum: Decimal;
  count: number;
  max: Decimal | null;
  latest: { value: Decimal; at: Date } | null;
  /** UNIQUE_COUNT: identities not seen before in the period. */
  newIdentities: number;
};

/** Decimal places `quantity` is stored with (NUMERIC(38, 12), like the rollups). */
export const QUANTITY_PLACES = 12;

/**
 * The row's next state after new usage. The quantity follows the meter's aggregation (sum and count
 * add, max keeps the larger, latest keeps the value with the latest timestamp, unique count adds the
 * identities new to the period) and is kept to 12 decimal places as stored. The amount moves by
 * price(after) - price(before): rateIncrement when usage grows (its fast paths), the difference of two
 * one-shot prices when it shrinks (LATEST going down, negative corrections). A negative quantity is
 * priced as 0. So the amount always telescopes to the one-shot price of the period's quantity,
 * whatever the batching, including volume pricing's negative increments.
 */
export function nextChargeState(model: PriceModel, aggregation: Aggregation, before: ChargeState, change: UsageChange): ChargeState {
  let quantity = before.quantity;
  let latestAt = before.latestAt;
  switch (aggregation) {
    case "SUM":
      quantity = quantity.plus(change.sum);
      break;
    case "COUNT":
      quantity = quantity.plus(change.count);
      break;
    case "MAX":
      if (change.max !== null && change.max.gt(quantity)) quantity = change.max;
      break;
    case "LATEST":
      if (change.latest && (latestAt === null || change.latest.at >= latestAt)) {
        quantity = change.latest.value;
        latestAt = change.latest.at;
      }
      break;
    case "UNIQUE_COUNT":
      quantity = quantity.plus(change.newIdentities);
      break;
  }
  // NUMERIC rounds half away from zero; doing it here keeps amount = price(stored quantity).
  quantity = quantity.toDecimalPlaces(QUANTITY_PLACES, MoneyDecimal.ROUND_HALF_UP);
  return { quantity, amount: before.amount.plus(chargeDelta(model, before.quantity, quantity)), latestAt };
}

/** price(after) - price(before), negative quantities priced as 0. */
export function chargeDelta(model: PriceModel, before: Decimal, after: Decimal): Decimal {
  const b0 = before.isNegative() ? ZERO : before;
  const b1 = after.isNegative() ? ZERO : after;
  if (b1.eq(b0)) return ZERO;
  if (b1.gt(b0)) return rateIncrement(model, b0, b1.minus(b0));
  return priceQuantity(model, b1).amount.minus(priceQuantity(model, b0).amount);
}
