import type Decimal from "decimal.js";
import { ZERO, toDecimal, type DecimalInput } from "@/lib/money/decimal";
import { billableUnits, compilePriceModel, type CompiledModel, type CompiledTier } from "./compile-model";
import type { PriceModel } from "./price-model";

/**
 * One line of a price breakdown (invoice line, price calculator row). Units are positions in the
 * period's usage: the line covers units in (fromUnits, toUnits]. Amounts are unrounded major units.
 */
export type TierLine = {
  /** "included": free units; "priced": units priced by the model. */
  readonly kind: "included" | "priced";
  /** Index into the model's tiers; 0 for per_unit and package; null for the included line. */
  readonly tierIndex: number | null;
  readonly fromUnits: Decimal;
  readonly toUnits: Decimal;
  /** Units on this line (toUnits - fromUnits). */
  readonly quantity: Decimal;
  /** Price per unit; for a package line, the price of one package. */
  readonly unitPrice: Decimal;
  readonly flatFee: Decimal;
  /** Package lines only: started packages, ceil(quantity / packageSize). */
  readonly packages?: Decimal;
  readonly amount: Decimal;
};

export type PricedQuantity = { readonly amount: Decimal; readonly lines: readonly TierLine[] };

/**
 * Prices a period's total quantity under a model. Exact: the amount is an unrounded Decimal in
 * major units (round it only with toMinorUnits). Included units are taken first and cost nothing;
 * zero quantity costs 0 with no flat fee. Throws for a negative quantity or an invalid model.
 */
export function priceQuantity(model: PriceModel, quantity: DecimalInput): PricedQuantity {
  const q = toDecimal(quantity);
  if (q.isNegative()) throw new RangeError(`quantity must not be negative, got ${q.toString()}`);
  const compiled = compilePriceModel(model);
  const billable = billableUnits(compiled, q);
  const offset = q.minus(billable);
  const lines: TierLine[] = [];
  if (offset.gt(0)) lines.push(line("included", null, ZERO, offset, ZERO, ZERO, ZERO));
  if (billable.gt(0)) lines.push(...pricedLines(compiled, billable, offset));
  const amount = lines.reduce((sum, l) => sum.plus(l.amount), ZERO);
  return { amount, lines };
}

function pricedLines(model: CompiledModel, billable: Decimal, offset: Decimal): TierLine[] {
  switch (model.kind) {
    case "per_unit":
      return [line("priced", 0, offset, offset.plus(billable), model.unitPrice, ZERO, billable.times(model.unitPrice))];
    case "package": {
      const packages = packagesFor(billable, model.packageSize);
      const amount = packages.times(model.packagePrice);
      return [{ ...line("priced", 0, offset, offset.plus(billable), model.packagePrice, ZERO, amount), packages }];
    }
    case "graduated":
      return graduatedLines(model.tiers, billable, offset);
    case "volume": {
      const tier = volumeTier(model.tiers, billable);
      const amount = billable.times(tier.unitPrice).plus(tier.flatFee);
      return [line("priced", tier.index, offset, offset.plus(billable), tier.unitPrice, tier.flatFee, amount)];
    }
  }
}

function graduatedLines(tiers: readonly CompiledTier[], billable: Decimal, offset: Decimal): TierLine[] {
  const lines: TierLine[] = [];
  for (const tier of tiers) {
    if (billable.lte(tier.lower)) break;
    const to = tier.upper === null || billable.lt(tier.upper) ? billable : tier.upper;
    const inTier = to.minus(tier.lower);
    const amount = inTier.times(tier.unitPrice).plus(tier.flatFee);
    lines.push(line("priced", tier.index, offset.plus(tier.lower), offset.plus(to), tier.unitPrice, tier.flatFee, amount));
  }
  return lines;
}

/** The tier the total reaches (first tier whose upTo is ≥ the total). */
export function volumeTier(tiers: readonly CompiledTier[], billable: Decimal): CompiledTier {
  for (const tier of tiers) if (tier.upper === null || billable.lte(tier.upper)) return tier;
  return tiers[tiers.length - 1];
}

/** Started packages: ceil(units / size), computed exactly with integer division. */
export function packagesFor(units: Decimal, size: Decimal): Decimal {
  const whole = units.dividedToIntegerBy(size);
  return whole.times(size).lt(units) ? whole.plus(1) : whole;
}

function line(kind: TierLine["kind"], tierIndex: number | null, from: Decimal, to: Decimal, unitPrice: Decimal, flatFee: Decimal, amount: Decimal): TierLine {
  return { kind, tierIndex, fromUnits: from, toUnits: to, quantity: to.minus(from), unitPrice, flatFee, amount };
}
