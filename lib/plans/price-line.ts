import type { CurrencyCode } from "@/lib/money/currencies";
import { toDecimal, type DecimalInput } from "@/lib/money/decimal";
import { formatMinor } from "@/lib/money/format";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { formatMajor } from "../money/format-major";

export type TierBreakdown = {
  kind: "included" | "priced";
  tierIndex: number | null;
  fromUnits: string;
  toUnits: string;
  quantity: string;
  unitPrice: string;
  flatFee: string;
  packages: string | null;
  /** Unrounded, major units. */
  amount: string;
  amountFormatted: string;
};

export type PriceLine = {
  quantity: string;
  /** Unrounded price of the quantity, major units. */
  amount: string;
  /** The line's charge: amount rounded once with the one rule (half-even). */
  amountMinor: bigint;
  formatted: string;
  breakdown: TierBreakdown[];
};

/** Prices a period's quantity with the rating engine and rounds the line once, as an invoice line is. */
export function priceLine(model: PriceModel, quantity: DecimalInput, currency: CurrencyCode): PriceLine {
  const q = toDecimal(quantity);
  const priced = priceQuantity(model, q.isNegative() ? 0 : q);
  const amountMinor = toMinorUnits(priced.amount, currency);
  return {
    quantity: q.toFixed(),
    amount: priced.amount.toFixed(),
    amountMinor,
    formatted: formatMinor(amountMinor, currency),
    breakdown: priced.lines.map((l) => ({
      kind: l.kind,
      tierIndex: l.tierIndex,
      fromUnits: l.fromUnits.toFixed(),
      toUnits: l.toUnits.toFixed(),
      quantity: l.quantity.toFixed(),
      unitPrice: l.unitPrice.toFixed(),
      flatFee: l.flatFee.toFixed(),
      packages: l.packages ? l.packages.toFixed() : null,
      amount: l.amount.toFixed(),
      amountFormatted: formatMajor(l.amount, currency),
    })),
  };
}
