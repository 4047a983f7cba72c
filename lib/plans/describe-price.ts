import type { CurrencyCode } from "@/lib/money/currencies";
import { MoneyDecimal } from "@/lib/money/decimal";
import { formatUnitPrice } from "@/lib/money/format";
import type { PriceModel, Tier } from "@/lib/rating/price-model";
import { formatMajor, formatQuantity } from "../money/format-major";

export type PriceDescription = {
  /** One line: "$2.50 per 1M tokens", "Graduated, 3 tiers". */
  summary: string;
  /** "The first 1,000 tokens each period are free", or null. */
  included: string | null;
  /** Graduated and volume: one line per tier. */
  tiers: string[];
};

const KIND_NAMES = { graduated: "Graduated", volume: "Volume" } as const;

/** A price in plain words, the way people think about it ("$2.50 per 1M tokens"). Display only. */
export function describePrice(model: PriceModel, currency: CurrencyCode, unit: string): PriceDescription {
  const free = model.includedUnits && !new MoneyDecimal(model.includedUnits).isZero() ? `The first ${formatQuantity(model.includedUnits)} ${plural(unit)} each period are free` : null;
  const tiered = model.kind === "graduated" || model.kind === "volume";
  const included = free && tiered ? `${free}; tiers count the ${plural(unit)} after them` : free;
  switch (model.kind) {
    case "per_unit":
      return { summary: formatUnitPrice(model.unitPrice, currency, unit), included, tiers: [] };
    case "package":
      return { summary: `${formatMajor(model.packagePrice, currency)} per ${formatQuantity(model.packageSize)} ${plural(unit)} (each started block)`, included, tiers: [] };
    case "graduated":
    case "volume": {
      const tiers = model.tiers.map((t, i) => tierLine(model.kind, model.tiers, i, t, currency, unit));
      const how = model.kind === "graduated" ? "each unit at its tier's price" : "every unit at the price of the tier the period's total reaches";
      return { summary: `${KIND_NAMES[model.kind]}, ${model.tiers.length} tier${model.tiers.length === 1 ? "" : "s"}: ${how}`, included, tiers };
    }
  }
}

function tierLine(kind: "graduated" | "volume", tiers: readonly Tier[], i: number, tier: Tier, currency: CurrencyCode, unit: string): string {
  const previous = i === 0 ? null : tiers[i - 1].upTo;
  const range =
    tier.upTo === null
      ? previous === null
        ? `All ${plural(unit)}`
        : `Above ${formatQuantity(previous)}`
      : previous === null
        ? kind === "graduated" ? `First ${formatQuantity(tier.upTo)}` : `Up to ${formatQuantity(tier.upTo)}`
        : `${formatQuantity(previous)} to ${formatQuantity(tier.upTo)}`;
  const fee = tier.flatFee && !new MoneyDecimal(tier.flatFee).isZero() ? ` + ${formatMajor(tier.flatFee, currency)} flat fee` : "";
  return `${range}: ${formatUnitPrice(tier.unitPrice, currency, unit)}${fee}`;
}

function plural(unit: string): string {
  return unit.endsWith("s") || /^[A-Z0-9]+$/.test(unit) ? unit : `${unit}s`;
}
