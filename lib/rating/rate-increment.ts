import type Decimal from "decimal.js";
import { ZERO, toDecimal, type DecimalInput } from "@/lib/money/decimal";
import { billableUnits, compilePriceModel, type CompiledTier } from "./compile-model";
import type { PriceModel } from "./price-model";
import { packagesFor, priceQuantity, volumeTier } from "./price-quantity";

/**
 * The charge for `quantity` more units on top of `usedBefore` units already used this period:
 * exactly price(usedBefore + quantity) - price(usedBefore), unrounded, in major units.
 * Every model has a fast path that touches only the units added (no breakdown, no full re-price),
 * and each is exactly that difference, so increments telescope: any split of a period's usage
 * sums to the one-shot price. Negative for volume pricing when the total drops into a cheaper tier.
 */
export function rateIncrement(model: PriceModel, usedBefore: DecimalInput, quantity: DecimalInput): Decimal {
  const before = toDecimal(usedBefore);
  const q = toDecimal(quantity);
  if (before.isNegative() || q.isNegative()) throw new RangeError("usage and quantity must not be negative");
  const compiled = compilePriceModel(model);
  const b0 = billableUnits(compiled, before);
  const b1 = billableUnits(compiled, before.plus(q));
  if (b1.eq(b0)) return ZERO;
  switch (compiled.kind) {
    case "per_unit":
      return b1.minus(b0).times(compiled.unitPrice);
    case "package":
      return packagesFor(b1, compiled.packageSize).minus(packagesFor(b0, compiled.packageSize)).times(compiled.packagePrice);
    case "graduated":
      return graduatedDelta(compiled.tiers, b0, b1);
    case "volume": {
      const t1 = volumeTier(compiled.tiers, b1);
      if (b0.isZero()) return b1.times(t1.unitPrice).plus(t1.flatFee);
      if (volumeTier(compiled.tiers, b0) === t1) return b1.minus(b0).times(t1.unitPrice);
      return priceQuantity(model, before.plus(q)).amount.minus(priceQuantity(model, before).amount);
    }
  }
}

/** Graduated price of the units in (b0, b1], plus the flat fee of every tier first reached. */
function graduatedDelta(tiers: readonly CompiledTier[], b0: Decimal, b1: Decimal): Decimal {
  let sum = ZERO;
  for (const tier of tiers) {
    if (tier.upper !== null && tier.upper.lte(b0)) continue; // tier already full before
    if (b1.lte(tier.lower)) break; // tier not reached
    const from = b0.gt(tier.lower) ? b0 : tier.lower;
    const to = tier.upper === null || b1.lt(tier.upper) ? b1 : tier.upper;
    sum = sum.plus(to.minus(from).times(tier.unitPrice));
    if (b0.lte(tier.lower)) sum = sum.plus(tier.flatFee); // first unit in this tier
  }
  return sum;
}
