import type { CurrencyCode } from "./currencies";
import { formatMinor } from "./format";
import { minorToNumber } from "./minor-number";

/** A charged amount as JSON: integer minor units, the currency and the formatted text. */
export type MoneyDto = { amountMinor: number; currency: CurrencyCode; formatted: string };

export function moneyDto(amountMinor: bigint, currency: CurrencyCode): MoneyDto {
  return { amountMinor: minorToNumber(amountMinor), currency, formatted: formatMinor(amountMinor, currency) };
}
