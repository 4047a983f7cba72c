import type { CurrencyCode } from "@/lib/money/currencies";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import type { PriceLine, TierBreakdown } from "./price-line";

export type PriceLineDto = { quantity: string; amount: string; charge: MoneyDto; breakdown: TierBreakdown[] };

export function priceLineDto(line: PriceLine, currency: CurrencyCode): PriceLineDto {
  return { quantity: line.quantity, amount: line.amount, charge: moneyDto(line.amountMinor, currency), breakdown: line.breakdown };
}
