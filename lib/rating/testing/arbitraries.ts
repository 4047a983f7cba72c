/** fast-check generators for rating property tests (test-only helpers). */
import type Decimal from "decimal.js";
import fc from "fast-check";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { GraduatedPrice, PackagePrice, PerUnitPrice, PriceModel, Tier, VolumePrice } from "../price-model";

/** Decimal text for units × 10^-scale: (5, 2) → "0.05", (1234, 1) → "123.4". */
export function decimalText(units: number, scale: number): string {
  const digits = String(units).padStart(scale + 1, "0");
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export const decimalString = (maxUnits: number, maxScale: number, minUnits = 0) =>
  fc.tuple(fc.integer({ min: minUnits, max: maxUnits }), fc.integer({ min: 0, max: maxScale })).map(([u, s]) => decimalText(u, s));

/** Prices from 0 to 10,000,000 × 10^-scale, e.g. "0.0000025", "7", "6.5". */
export const priceString = decimalString(10_000_000, 9);

/** Quantities up to 10,000 with up to 3 decimals; mostly small, sometimes large. */
export const quantity: fc.Arbitrary<Decimal> = fc
  .oneof(decimalString(100, 2), decimalString(10_000, 0), decimalString(10_000_000, 3))
  .map((s) => new MoneyDecimal(s));

/** Usage increments: small, as in real metering. */
export const increment: fc.Arbitrary<Decimal> = fc.oneof(decimalString(20, 0), decimalString(5_000, 3)).map((s) => new MoneyDecimal(s));

const includedUnits = fc.option(decimalString(50_000, 2), { nil: undefined });

const withIncluded = <T extends PriceModel>(model: T, included: string | undefined): T => (included === undefined ? model : { ...model, includedUnits: included });

/** Tier prices and fees: often shared between tiers, so equal neighbours get tested too. */
const tierPrice = fc.oneof(priceString, fc.constantFrom("0", "0.5", "1"));

/** 1–5 tiers with strictly ascending bounds (gaps up to 2,000 units), the last unbounded. */
export const tiers: fc.Arbitrary<Tier[]> = fc
  .array(fc.tuple(decimalString(200_000, 2, 1), tierPrice, fc.option(tierPrice, { nil: undefined })), { minLength: 1, maxLength: 5 })
  .map((rows) => {
    let upTo = new MoneyDecimal(0);
    return rows.map(([gap, unitPrice, flatFee], i) => {
      upTo = upTo.plus(gap);
      const tier: Tier = { upTo: i === rows.length - 1 ? null : upTo.toString(), unitPrice };
      return flatFee === undefined ? tier : { ...tier, flatFee };
    });
  });

export const perUnitModel = fc.tuple(priceString, includedUnits).map(([unitPrice, inc]) => withIncluded<PerUnitPrice>({ kind: "per_unit", unitPrice }, inc));

export const packageModel = fc
  .tuple(fc.integer({ min: 1, max: 5_000 }), priceString, includedUnits)
  .map(([size, packagePrice, inc]) => withIncluded<PackagePrice>({ kind: "package", packageSize: String(size), packagePrice }, inc));

export const graduatedModel = fc.tuple(tiers, includedUnits).map(([t, inc]) => withIncluded<GraduatedPrice>({ kind: "graduated", tiers: t }, inc));

export const volumeModel = fc.tuple(tiers, includedUnits).map(([t, inc]) => withIncluded<VolumePrice>({ kind: "volume", tiers: t }, inc));

export const anyModel: fc.Arbitrary<PriceModel> = fc.oneof(perUnitModel, packageModel, graduatedModel, volumeModel);

/** Models whose price never decreases as quantity grows (volume pricing can drop at a tier). */
export const monotoneModel: fc.Arbitrary<PriceModel> = fc.oneof(perUnitModel, packageModel, graduatedModel);

/** Where prices change: the end of the free units and every tier bound, in period units. */
export function boundariesOf(model: PriceModel): Decimal[] {
  const included = new MoneyDecimal(model.includedUnits ?? "0");
  const bounds = model.kind === "graduated" || model.kind === "volume" ? model.tiers.flatMap((t) => (t.upTo === null ? [] : [new MoneyDecimal(t.upTo)])) : [];
  if (model.kind === "package") bounds.push(new MoneyDecimal(model.packageSize), new MoneyDecimal(model.packageSize).times(2));
  return [included, ...bounds.map((b) => b.plus(included))];
}

/** A usage point for a model: random, exactly on a boundary, or just either side of one. */
export function pointIn(model: PriceModel): fc.Arbitrary<Decimal> {
  const near = fc
    .tuple(fc.constantFrom(...boundariesOf(model)), fc.constantFrom("0", "0.5", "-0.5", "1", "-1"))
    .map(([b, d]) => MoneyDecimal.max(b.plus(d), 0));
  return fc.oneof(quantity, near);
}

/** A model with two usage points on it (for "used before" and "quantity"). */
export const modelWithPoints = anyModel.chain((model) => fc.tuple(fc.constant(model), pointIn(model), pointIn(model)));
