import "server-only";
import { parseCurrency } from "@/lib/money/currencies";
import { toMinorUnits } from "@/lib/money/round";
import { burnForCustomer, type CorrectionNote } from "./burn-usage";
import type { Sql } from "@/lib/db/sql";
import { tallyPeriods } from "./tally-periods";
import type { PeriodCharge } from "./usage-charges";

const PERIODS = `
SELECT k.subscription_id::text, k.period_start, v.currency, v.payment_terms::text AS terms,
  (SELECT array_agg(amount::text) FROM period_meter_charges c WHERE c.customer_id = $1::uuid AND c.subscription_id = k.subscription_id AND c.period_start = k.period_start) AS amounts,
  (SELECT rated_minor::text FROM usage_credit_periods t WHERE t.customer_id = $1::uuid AND t.subscription_id = k.subscription_id AND t.period_start = k.period_start) AS rated
FROM (SELECT subscription_id, period_start FROM period_meter_charges WHERE customer_id = $1::uuid
      UNION SELECT subscription_id, period_start FROM usage_credit_periods WHERE customer_id = $1::uuid) k
JOIN subscriptions s ON s.id = k.subscription_id JOIN plan_versions v ON v.id = s.plan_version_id
ORDER BY k.subscription_id, k.period_start`;

type Row = { subscription_id: string; period_start: Date; currency: string; terms: string; amounts: string[] | null; rated: string | null };

/**
 * After a customer's usage was re-rated outside ingestion (a void recomputes the running charges), brings
 * the ledger back in line with the rating engine in the same transaction: each period's tally moves to the
 * engine's rounded charge; credits paid for usage that no longer costs are given back; usage that now costs
 * more burns what credits there are (a correction is never refused). Call it holding the customer's lock.
 * `note` says in the ledger entries what the correction was (a void names its events).
 */
export async function settleRatedUsage(sql: Sql, customerId: string, now = new Date(), note?: CorrectionNote): Promise<void> {
  const rows = await sql.query<Row>(PERIODS, [customerId]);
  const charges: PeriodCharge[] = [];
  let currency = null as ReturnType<typeof parseCurrency> | null;
  for (const r of rows) {
    currency = parseCurrency(r.currency);
    const engine = (r.amounts ?? []).reduce((sum, a) => sum + toMinorUnits(a, currency!), 0n);
    const delta = engine - BigInt(r.rated ?? "0");
    if (delta !== 0n) charges.push({ customerId, subscriptionId: r.subscription_id, periodStart: new Date(r.period_start), prepaid: r.terms === "PREPAID", deltaMinor: delta });
  }
  if (charges.length === 0 || !currency) return;
  const periods = await tallyPeriods(sql, charges);
  await burnForCustomer(sql, customerId, currency, periods, { count: 0, firstId: "", lastId: "" }, now, { refuse: false, note });
}
