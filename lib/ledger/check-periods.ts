import "server-only";
import { parseCurrency } from "@/lib/money/currencies";
import { toMinorUnits } from "@/lib/money/round";
import type { LedgerProblem } from "./ledger-problem";
import type { Sql } from "@/lib/db/sql";

type PeriodRow = {
  customer_id: string;
  external_id: string;
  subscription_id: string;
  period_start: Date;
  currency: string;
  terms: string;
  amounts: string[] | null;
  rated: string | null;
  credited: string | null;
  shares: string | null;
};

/** Every period the rating engine or the ledger has, with the engine's unrounded meter amounts and the ledger's tally. */
const PERIODS = `
WITH charged AS (
  SELECT customer_id, subscription_id, period_start, array_agg(amount::text) AS amounts
  FROM period_meter_charges WHERE $1::uuid[] IS NULL OR customer_id = ANY($1::uuid[])
  GROUP BY customer_id, subscription_id, period_start
), tallied AS (
  SELECT * FROM usage_credit_periods WHERE $1::uuid[] IS NULL OR customer_id = ANY($1::uuid[])
)
SELECT k.customer_id::text, c.external_id, k.subscription_id::text, k.period_start, v.currency, v.payment_terms::text AS terms,
  ch.amounts, t.rated_minor::text AS rated, t.credited_minor::text AS credited,
  (SELECT sum(g.amount_minor) FROM usage_credit_period_grants g
   WHERE g.customer_id = k.customer_id AND g.subscription_id = k.subscription_id AND g.period_start = k.period_start)::text AS shares
FROM (SELECT customer_id, subscription_id, period_start FROM charged UNION SELECT customer_id, subscription_id, period_start FROM tallied) k
JOIN customers c ON c.id = k.customer_id
JOIN subscriptions s ON s.id = k.subscription_id
JOIN plan_versions v ON v.id = s.plan_version_id
LEFT JOIN charged ch ON ch.customer_id = k.customer_id AND ch.subscription_id = k.subscription_id AND ch.period_start = k.period_start
LEFT JOIN tallied t ON t.customer_id = k.customer_id AND t.subscription_id = k.subscription_id AND t.period_start = k.period_start`;

const BURNS = `
SELECT b.customer_id::text, c.external_id, COALESCE(-(SELECT sum(amount_minor) FROM credit_ledger_entries e WHERE e.customer_id = b.customer_id AND e.rated_minor IS NOT NULL), 0)::text AS burned,
  COALESCE((SELECT sum(credited_minor) FROM usage_credit_periods p WHERE p.customer_id = b.customer_id), 0)::text AS credited
FROM credit_balances b JOIN customers c ON c.id = b.customer_id
WHERE $1::uuid[] IS NULL OR b.customer_id = ANY($1::uuid[])`;

/**
 * Credit debits against rated usage. Per subscription period: the ledger's rated_minor equals the sum of
 * the rating engine's running charges, each meter rounded once (as an invoice line is); credits paid at
 * most that, and on PREPAID terms exactly that. Per customer: the BURN entries, less the credits given back
 * for usage that came to cost less, add up to what the periods say credits paid; a period's grant shares add
 * up to what credits paid of it.
 */
export async function checkPeriods(sql: Sql, customerIds: string[] | null): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  for (const p of await sql.query<PeriodRow>(PERIODS, [customerIds])) {
    const currency = parseCurrency(p.currency);
    const engine = (p.amounts ?? []).reduce((sum, a) => sum + toMinorUnits(a, currency), 0n);
    const rated = BigInt(p.rated ?? "0");
    const credited = BigInt(p.credited ?? "0");
    const where = `subscription ${p.subscription_id}, period from ${p.period_start.toISOString()}`;
    const add = (message: string) => problems.push({ customerId: p.customer_id, externalId: p.external_id, check: "usage", message: `${where}: ${message}` });
    if (rated !== engine) add(`rated usage is ${engine} but the ledger saw ${rated}`);
    if (credited < 0n || credited > rated) add(`credits paid ${credited} of ${rated} rated`);
    if (p.terms === "PREPAID" && credited !== rated) add(`prepaid usage of ${rated} but credits paid ${credited}`);
    // Periods credited before grants were tracked per period have no shares; any other must name every unit.
    if (p.shares !== null && BigInt(p.shares) !== credited) add(`credits paid ${credited} but the grants' shares add up to ${p.shares}`);
  }
  for (const b of await sql.query<{ customer_id: string; external_id: string; burned: string; credited: string }>(BURNS, [customerIds])) {
    if (b.burned !== b.credited) problems.push({ customerId: b.customer_id, externalId: b.external_id, check: "usage", message: `burn entries took ${b.burned} but periods record ${b.credited} paid by credits` });
  }
  return problems;
}
