/**
 * The chaos run's end checks, against the database: every acknowledged event stored exactly once, as it
 * was sent (and nothing stored that was not sent); the hourly rollups equal a recomputation from the
 * stored events (SQL); each billing period's running charge equals its stored events' quantity priced
 * once by the plan's model; the credit ledger's balance equals its entries, and its burns the rated spend.
 */
import Decimal from "decimal.js";
import pg from "pg";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { toMinorUnits } from "@/lib/money/round";
import { parseCurrency } from "@/lib/money/currencies";
import type { ChaosEvent } from "./chaos-client";
import { CHAOS_MODEL, CHAOS_PREFIX } from "./chaos-seed";

export type Verdict = { stored: number; lost: number; notSent: number; altered: number; mismatches: string[] };

const CHAOS_CUSTOMERS = `SELECT id FROM customers WHERE external_id LIKE '${CHAOS_PREFIX}%'`;

const STORED = `
SELECT c.external_id, e.idempotency_key AS id, e."timestamp", e.properties->>'tokens' AS tokens, e.properties->>'model' AS model
FROM usage_events e JOIN customers c ON c.id = e.customer_id
WHERE e.customer_id IN (${CHAOS_CUSTOMERS}) AND e.event_type = $1`;

/** Rollup rows that differ from the stored events' sums and counts per customer, hour and model (either side missing included). */
const ROLLUP_DIFFS = `
WITH r AS (
  SELECT customer_id, bucket, dimensions, sum, count FROM usage_rollups WHERE meter_id = $1::uuid AND customer_id IN (${CHAOS_CUSTOMERS})
), e AS (
  SELECT customer_id, date_bin('1 hour', "timestamp", TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket,
    json_build_array(properties->>'model')::text AS dimensions, sum((properties->>'tokens')::numeric) AS sum, count(*) AS count
  FROM usage_events WHERE event_type = $2 AND voided_at IS NULL AND customer_id IN (${CHAOS_CUSTOMERS})
  GROUP BY 1, 2, 3
)
SELECT customer_id::text, bucket, dimensions, r.sum::text AS rollup_sum, e.sum::text AS event_sum, r.count::text AS rollup_count, e.count::text AS event_count
FROM r FULL JOIN e USING (customer_id, bucket, dimensions)
WHERE r.sum IS DISTINCT FROM e.sum OR r.count IS DISTINCT FROM e.count::bigint`;

/** Each chaos customer's periods: the running charge, its stored events' quantity recomputed, and the ledger's tally. */
const PERIODS = `
SELECT c.external_id, p.quantity::text, p.amount::text,
  (SELECT COALESCE(sum((e.properties->>'tokens')::numeric), 0) FROM usage_events e
   WHERE e.customer_id = p.customer_id AND e.event_type = $2 AND e.voided_at IS NULL
     AND e."timestamp" >= GREATEST(p.period_start, s.started_at) AND e."timestamp" < p.period_end)::text AS recomputed,
  u.rated_minor::text AS rated, u.credited_minor::text AS credited
FROM period_meter_charges p
JOIN customers c ON c.id = p.customer_id
JOIN subscriptions s ON s.id = p.subscription_id
LEFT JOIN usage_credit_periods u ON u.customer_id = p.customer_id AND u.subscription_id = p.subscription_id AND u.period_start = p.period_start
WHERE p.meter_id = $1::uuid AND p.customer_id IN (${CHAOS_CUSTOMERS})`;

const WALLETS = `
SELECT c.external_id, b.balance_minor::text AS balance,
  (SELECT COALESCE(sum(amount_minor), 0) FROM credit_ledger_entries e WHERE e.customer_id = b.customer_id)::text AS entries,
  (SELECT COALESCE(sum(amount_minor), 0) FROM credit_ledger_entries e WHERE e.customer_id = b.customer_id AND e.kind = 'GRANT')::text AS granted,
  (SELECT COALESCE(-sum(amount_minor), 0) FROM credit_ledger_entries e WHERE e.customer_id = b.customer_id AND e.kind = 'BURN')::text AS burned,
  (SELECT COALESCE(sum(credited_minor), 0) FROM usage_credit_periods u WHERE u.customer_id = b.customer_id)::text AS credited,
  (SELECT COALESCE(sum(rated_minor), 0) FROM usage_credit_periods u WHERE u.customer_id = b.customer_id)::text AS rated
FROM credit_balances b JOIN customers c ON c.id = b.customer_id
WHERE b.customer_id IN (${CHAOS_CUSTOMERS})`;

export async function verifyChaos(
  databaseUrl: string,
  run: { events: ReadonlyMap<string, ChaosEvent>; acknowledged: ReadonlySet<string>; meterId: string; eventType: string },
): Promise<Verdict> {
  const mismatches: string[] = [];
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const stored = (await c.query<{ external_id: string; id: string; timestamp: Date; tokens: string; model: string }>(STORED, [run.eventType])).rows;
    const byId = new Map(stored.map((r) => [r.id, r]));
    let lost = 0;
    let notSent = 0;
    let altered = 0;
    for (const id of run.acknowledged) if (!byId.has(id)) lost++;
    for (const r of stored) {
      const sent = run.events.get(r.id);
      if (!sent) notSent++;
      else if (sent.customer !== r.external_id || String(sent.properties.tokens) !== r.tokens || sent.properties.model !== r.model || new Date(sent.timestamp).getTime() !== r.timestamp.getTime()) altered++;
    }
    if (stored.length !== byId.size) mismatches.push(`${stored.length - byId.size} ids stored more than once`);

    for (const r of (await c.query(ROLLUP_DIFFS, [run.meterId, run.eventType])).rows) {
      mismatches.push(`rollup ${r.customer_id} ${new Date(r.bucket).toISOString()} ${r.dimensions}: sum ${r.rollup_sum} count ${r.rollup_count}, events say sum ${r.event_sum} count ${r.event_count}`);
    }
    const usd = parseCurrency("USD");
    for (const p of (await c.query<{ external_id: string; quantity: string; amount: string; recomputed: string; rated: string | null; credited: string | null }>(PERIODS, [run.meterId, run.eventType])).rows) {
      const want = priceQuantity(CHAOS_MODEL, p.recomputed).amount;
      if (!new Decimal(p.quantity).eq(p.recomputed)) mismatches.push(`${p.external_id}: running quantity ${p.quantity}, events add up to ${p.recomputed}`);
      if (!new Decimal(p.amount).eq(want)) mismatches.push(`${p.external_id}: running charge ${p.amount}, the events' quantity prices at ${want.toFixed()}`);
      if (p.rated !== null && BigInt(p.rated) !== toMinorUnits(want, usd)) mismatches.push(`${p.external_id}: the ledger rated ${p.rated}, the charge rounds to ${toMinorUnits(want, usd)}`);
    }
    for (const w of (await c.query<{ external_id: string; balance: string; entries: string; granted: string; burned: string; credited: string; rated: string }>(WALLETS)).rows) {
      if (w.balance !== w.entries) mismatches.push(`${w.external_id}: balance ${w.balance}, ledger entries add up to ${w.entries}`);
      if (BigInt(w.balance) !== BigInt(w.granted) - BigInt(w.burned)) mismatches.push(`${w.external_id}: balance ${w.balance}, granted ${w.granted} less burned ${w.burned}`);
      if (w.burned !== w.credited) mismatches.push(`${w.external_id}: burned ${w.burned}, periods say credits paid ${w.credited}`);
      if (BigInt(w.granted) > 0n && w.credited !== w.rated) mismatches.push(`${w.external_id}: credits paid ${w.credited} of ${w.rated} rated (the credits cover it all)`);
    }
    await c.query("COMMIT");
    return { stored: stored.length, lost, notSent, altered, mismatches };
  } finally {
    await c.end().catch(() => {});
  }
}
