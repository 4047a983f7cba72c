import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMinor } from "@/lib/money/format";
import { minorToNumber } from "./minor-number";
import type { PriceLine, TierBreakdown } from "./price-line";

/** A charged amount as JSON: integer minor units, the currency and the formatted text. */
export type MoneyDto = { amountMinor: number; currency: CurrencyCode; formatted: string };

export function moneyDto(amountMinor: bigint, currency: CurrencyCode): MoneyDto {
  return { amountMinor: minorToNumber(amountMinor), currency, formatted: formatMinor(amountMinor, currency) };
}

export type PriceLineDto = { quantity: string; amount: string; charge: MoneyDto; breakdown: TierBreakdown[] };

export function priceLineDto(line: PriceLine, currency: CurrencyCode): PriceLineDto {
  return { quantity: line.quantity, amount: line.amount, charge: moneyDto(line.amountMinor, currency), breakdown: line.breakdown };
}
