import { parseCurrency } from "@/lib/money/currencies";
import { formatMinor } from "@/lib/money/format";
import { formatQuantity } from "@/lib/money/format-major";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { LimitBreach } from "./limit-breach";

/** A value of a limit: money for spend, a quantity for a meter. */
export type LimitAmountDto = MoneyDto | { quantity: string };

/** What a refusal says about one customer's cap: the cap, the usage so far, and what the refused events would have added. */
export type LimitRefusalDto = {
  customer: string;
  scope: "spend" | "meter";
  meterId: string | null;
  cap: LimitAmountDto;
  spendSoFar: LimitAmountDto;
  refusedCost: LimitAmountDto;
};

const amount = (b: LimitBreach, value: string): LimitAmountDto =>
  b.scope === "spend" ? moneyDto(BigInt(value), parseCurrency(b.currency)) : { quantity: value };

const text = (b: LimitBreach, value: string): string =>
  b.scope === "spend" ? formatMinor(BigInt(value), parseCurrency(b.currency)) : formatQuantity(value);

/** The problem on one refused event: the rule `spending_limit`, and the cap with the value so far. */
export function limitProblem(b: LimitBreach, externalId: string) {
  const what = b.scope === "spend" ? "spend" : "usage of a metered quantity";
  return {
    field: "customer",
    rule: "spending_limit",
    message: `Customer "${externalId}" has a hard cap of ${text(b, b.cap)} on this period's ${what} (${text(b, b.before)} so far): this event would go past it`,
  };
}

/** Folds one customer's per-event refusals of one cap: the latest value so far, the refused events' cost summed. */
export function limitRefusalDtos(
  refusals: readonly { breach: LimitBreach; externalId: string }[],
): LimitRefusalDto[] {
  const by = new Map<
    string,
    {
      b: LimitBreach;
      externalId: string;
      soFar: InstanceType<typeof MoneyDecimal>;
      cost: InstanceType<typeof MoneyDecimal>;
    }
  >();
  for (const { breach: b, externalId } of refusals) {
    const key = `${b.customerId}|${b.limitId}`;
    const seen = by.get(key);
    const cost = new MoneyDecimal(b.after).minus(b.before);
    if (!seen) by.set(key, { b, externalId, soFar: new MoneyDecimal(b.before), cost });
    else {
      if (seen.soFar.lt(b.before)) seen.soFar = new MoneyDecimal(b.before);
      seen.cost = seen.cost.plus(cost);
    }
  }
  return [...by.values()].map(({ b, externalId, soFar, cost }) => ({
    customer: externalId,
    scope: b.scope === "spend" ? "spend" : "meter",
    meterId: b.meterId,
    cap: amount(b, b.cap),
    spendSoFar: amount(b, soFar.toFixed()),
    refusedCost: amount(b, cost.toFixed()),
  }));
}

/** "acme: the hard cap of $10.00 is reached ($9.80 so far; the refused events cost $0.40)." */
export function limitRefusalMessage(list: readonly LimitRefusalDto[]): string {
  const show = (a: LimitAmountDto) => ("formatted" in a ? a.formatted : formatQuantity(a.quantity));
  const parts = list.map(
    (l) =>
      `${l.customer}: the hard cap of ${show(l.cap)} is reached (${show(l.spendSoFar)} so far; the refused events would add ${show(l.refusedCost)})`,
  );
  return `Spending limit reached (${parts.join("; ")}). Those events were not recorded; raise the cap to let usage in again.`;
}
