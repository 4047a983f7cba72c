import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import { parseCurrency } from "@/lib/money/currencies";

export type CreditPackDto = {
  id: string;
  name: string;
  currency: string;
  price: MoneyDto;
  credits: MoneyDto;
  bonusCredits: MoneyDto;
  /** Credits plus bonus: what a purchase grants. */
  totalCredits: MoneyDto;
  active: boolean;
};

type PackRow = { id: string; name: string; currency: string; priceMinor: bigint; creditsMinor: bigint; bonusCreditsMinor: bigint; active: boolean };

export function packDto(p: PackRow): CreditPackDto {
  const currency = parseCurrency(p.currency);
  return {
    id: p.id,
    name: p.name,
    currency,
    price: moneyDto(p.priceMinor, currency),
    credits: moneyDto(p.creditsMinor, currency),
    bonusCredits: moneyDto(p.bonusCreditsMinor, currency),
    totalCredits: moneyDto(p.creditsMinor + p.bonusCreditsMinor, currency),
    active: p.active,
  };
}
