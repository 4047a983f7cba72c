import type Decimal from "decimal.js";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import type { PriceModel, Tier } from "./price-model";
import { priceModelSchema } from "./price-model-schema";

/** A tier with its bounds in billable units: it holds the units in (lower, upper]. */
export type CompiledTier = {
  readonly index: number;
  readonly lower: Decimal;
  /** null = unbounded. */
  readonly upper: Decimal | null;
  readonly unitPrice: Decimal;
  readonly flatFee: Decimal;
};

type Included = { readonly included: Decimal };

/** A validated PriceModel with every number parsed once. */
export type CompiledModel =
  | (Included & { readonly kind: "per_unit"; readonly unitPrice: Decimal })
  | (Included & { readonly kind: "package"; readonly packageSize: Decimal; readonly packagePrice: Decimal })
  | (Included & { readonly kind: "graduated" | "volume"; readonly tiers: readonly CompiledTier[] });

const cache = new WeakMap<PriceModel, CompiledModel>();

/**
 * Validates (priceModelSchema, throws a ZodError) and parses a model, once per model object.
 * Models must not be mutated after their first use.
 */
export function compilePriceModel(model: PriceModel): CompiledModel {
  let compiled = cache.get(model);
  if (!compiled) {
    compiled = compile(priceModelSchema.parse(model));
    cache.set(model, compiled);
  }
  return compiled;
}

function compile(model: PriceModel): CompiledModel {
  const included = model.includedUnits === undefined ? ZERO : new MoneyDecimal(model.includedUnits);
  switch (model.kind) {
    case "per_unit":
      return { kind: "per_unit", included, unitPrice: new MoneyDecimal(model.unitPrice) };
    case "package":
      return { kind: "package", included, packageSize: new MoneyDecimal(model.packageSize), packagePrice: new MoneyDecimal(model.packagePrice) };
    case "graduated":
    case "volume":
      return { kind: model.kind, included, tiers: compileTiers(model.tiers) };
  }
}

function compileTiers(tiers: readonly Tier[]): CompiledTier[] {
  let lower = ZERO;
  return tiers.map((tier, index) => {
    const upper = tier.upTo === null ? null : new MoneyDecimal(tier.upTo);
    const compiled = { index, lower, upper, unitPrice: new MoneyDecimal(tier.unitPrice), flatFee: tier.flatFee === undefined ? ZERO : new MoneyDecimal(tier.flatFee) };
    if (upper) lower = upper;
    return compiled;
  });
}

/** Units of the period left to price after the included (free) units. */
export function billableUnits(model: CompiledModel, quantity: Decimal): Decimal {
  if (model.included.isZero()) return quantity;
  const billable = quantity.minus(model.included);
  return billable.isNegative() ? ZERO : billable;
}
