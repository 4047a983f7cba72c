import type Decimal from "decimal.js";
import { composeInvoice } from "@/lib/billing/compose-invoice";
import type { ComposedInvoice, PeriodInputs } from "@/lib/billing/invoice-types";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";
import { priceQuantity } from "@/lib/rating/price-quantity";

/**
 * The period's invoice if each meter uses `remaining` more units (by meter id) before it ends: the
 * subscription in force last (the one usage is rated to now) gets its running charges raised to the
 * projected quantity, each priced whole by the rating engine (tiers, packages and included units apply
 * to the period's total, never a scaled amount), and the invoice is composed by the same code as the
 * upcoming invoice (base fee, minimum spend, one rounding per line). Meters it does not price are ignored.
 */
export function priceProjectedUsage(
  inputs: PeriodInputs,
  remaining: ReadonlyMap<string, Decimal>,
): ComposedInvoice {
  const subs = [...inputs.subscriptions].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const last = subs.at(-1);
  if (!last) return composeInvoice(inputs);
  const byMeter = new Map(last.charges.map((c) => [c.meterId, c]));
  const charges = last.version.prices.map((p) => {
    const row = byMeter.get(p.meterId);
    const soFar = row ? new MoneyDecimal(row.quantity.toString()) : ZERO;
    const more = remaining.get(p.meterId);
    if (!more) return row ?? { meterId: p.meterId, quantity: "0", amount: "0" };
    const quantity = soFar.plus(more);
    const model = priceModelSchema.parse(p.priceModel) as PriceModel;
    const amount = priceQuantity(model, quantity.isNegative() ? ZERO : quantity).amount;
    return { meterId: p.meterId, quantity: quantity.toFixed(), amount: amount.toFixed() };
  });
  const projected = { ...last, charges };
  return composeInvoice({ ...inputs, subscriptions: subs.map((s) => (s === last ? projected : s)) });
}
