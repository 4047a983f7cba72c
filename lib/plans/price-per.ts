import type Decimal from "decimal.js";
import { MoneyDecimal } from "@/lib/money/decimal";

/** The quantity a typed unit price is for: one unit, a thousand, or a million (as the summaries say "per 1M"). */
export type PricePer = "unit" | "1K" | "1M";

export const PRICE_PER: Record<PricePer, { factor: number; label: string }> = {
  unit: { factor: 1, label: "per unit" },
  "1K": { factor: 1_000, label: "per 1K" },
  "1M": { factor: 1_000_000, label: "per 1M" },
};

/** The stored per-unit price of a price typed per `per`: exact decimal division by a power of ten. */
export function toUnitPrice(typed: Decimal, per: PricePer): string {
  return typed.dividedBy(PRICE_PER[per].factor).toFixed();
}

/** A stored per-unit price as typed per `per` ("0.0000025" per 1M → "2.5"). */
export function fromUnitPrice(unitPrice: string, per: PricePer): string {
  return new MoneyDecimal(unitPrice).times(PRICE_PER[per].factor).toFixed();
}

/**
 * How to show stored unit prices in the editor: per 1M when every non-zero one is under a tenth of a cent
 * (token prices), per 1K when under a cent, else per unit.
 */
export function choosePricePer(unitPrices: readonly string[]): PricePer {
  const nonZero = unitPrices.filter((p) => p !== "" && !new MoneyDecimal(p).isZero()).map((p) => new MoneyDecimal(p));
  if (nonZero.length === 0) return "unit";
  if (nonZero.every((p) => p.lt("0.001"))) return "1M";
  if (nonZero.every((p) => p.lt("0.01"))) return "1K";
  return "unit";
}
