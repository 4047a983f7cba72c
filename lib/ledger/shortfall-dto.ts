import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import type { CreditShortfall } from "./insufficient-credits";

/** What a 402 says about one customer: the spendable balance and what the refused usage needed. */
export type ShortfallDto = { customer: string; balance: MoneyDto; needed: MoneyDto };

export function shortfallDto(s: CreditShortfall, externalId: string): ShortfallDto {
  return { customer: externalId, balance: moneyDto(s.balanceMinor, s.currency), needed: moneyDto(s.neededMinor, s.currency) };
}

/** "Not enough credits for acme: the balance is $0.05 and this usage needs $0.10." */
export function shortfallMessage(list: readonly ShortfallDto[]): string {
  const parts = list.map((s) => `${s.customer}: the balance is ${s.balance.formatted} and this usage needs ${s.needed.formatted}`);
  return `Not enough prepaid credits (${parts.join("; ")}). Those events were not recorded; buy credits or turn on auto-recharge, then send them again.`;
}
