import "server-only";
import type { PoolClient } from "pg";
import type { RatedChange } from "@/lib/ledger/usage-charges";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { PeriodUsage } from "./fold-period-usage";
import { nextChargeState, type ChargeState } from "./next-charge-state";

/** Creates missing rows and locks every row, in key order; returns each row's current state. */
const LOCK_ROWS = `
INSERT INTO period_meter_charges AS c (customer_id, subscription_id, period_start, meter_id, period_end)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::timestamptz[])
ON CONFLICT (customer_id, subscription_id, period_start, meter_id) DO UPDATE SET updated_at = now()
RETURNING customer_id::text, subscription_id::text, period_start, meter_id::text, quantity::text AS quantity, amount::text AS amount, latest_at`;

const INSERT_IDENTITIES = `
INSERT INTO period_unique_values (customer_id, subscription_id, period_start, meter_id, value)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::text[])
ON CONFLICT DO NOTHING
RETURNING customer_id::text, subscription_id::text, period_start, meter_id::text`;

const UPDATE_ROWS = `
UPDATE period_meter_charges AS c SET quantity = u.quantity, amount = u.amount, latest_at = u.latest_at, updated_at = now()
FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::numeric[], $6::numeric[], $7::timestamptz[])
  AS u(customer_id, subscription_id, period_start, meter_id, quantity, amount, latest_at)
WHERE c.customer_id = u.customer_id AND c.subscription_id = u.subscription_id AND c.period_start = u.period_start AND c.meter_id = u.meter_id`;

type KeyRow = { customer_id: string; subscription_id: string; period_start: Date; meter_id: string };
type StateRow = KeyRow & { quantity: string; amount: string; latest_at: Date | null };

const keyOf = (r: KeyRow) => `${r.customer_id}|${r.subscription_id}|${r.period_start.toISOString()}|${r.meter_id}`;

/**
 * Applies folded usage to period_meter_charges on the ingest transaction's client. Rows are created and
 * locked in key order (as events and rollups are before them), so concurrent writers cannot deadlock;
 * each row's new quantity and amount are computed from its locked state, then written back. Returns each
 * row's amount before and after, for the credit ledger's burn (lib/ledger/burn-credits-for-usage.ts).
 */
export async function applyPeriodUsage(client: PoolClient, usages: PeriodUsage[]): Promise<RatedChange[]> {
  const locked = await client.query<StateRow>(LOCK_ROWS, [
    usages.map((u) => u.customerId),
    usages.map((u) => u.subscriptionId),
    usages.map((u) => u.periodStart.toISOString()),
    usages.map((u) => u.meterId),
    usages.map((u) => u.periodEnd.toISOString()),
  ]);
  const states = new Map<string, ChargeState>(
    locked.rows.map((r) => [keyOf(r), { quantity: new MoneyDecimal(r.quantity), amount: new MoneyDecimal(r.amount), latestAt: r.latest_at }]),
  );
  const newIdentities = await insertIdentities(client, usages);
  const next = usages.map((u) => {
    const before = states.get(u.key);
    if (!before) throw new Error(`period charge row ${u.key} was not locked`);
    return nextChargeState(u.model, u.aggregation, before, { ...u, newIdentities: newIdentities.get(u.key) ?? 0 });
  });
  await client.query(UPDATE_ROWS, [
    usages.map((u) => u.customerId),
    usages.map((u) => u.subscriptionId),
    usages.map((u) => u.periodStart.toISOString()),
    usages.map((u) => u.meterId),
    next.map((s) => s.quantity.toFixed()),
    next.map((s) => s.amount.toFixed()),
    next.map((s) => s.latestAt?.toISOString() ?? null),
  ]);
  return usages.map((u, i) => ({ customerId: u.customerId, subscriptionId: u.subscriptionId, periodStart: u.periodStart, amountBefore: states.get(u.key)!.amount, amountAfter: next[i].amount }));
}

/** Records UNIQUE_COUNT identities per period; returns, per usage key, how many were new. */
async function insertIdentities(client: PoolClient, usages: PeriodUsage[]): Promise<Map<string, number>> {
  const rows = usages.flatMap((u) => u.identities.map((value) => ({ u, value })));
  const counts = new Map<string, number>();
  if (rows.length === 0) return counts;
  const res = await client.query<KeyRow>(INSERT_IDENTITIES, [
    rows.map((r) => r.u.customerId),
    rows.map((r) => r.u.subscriptionId),
    rows.map((r) => r.u.periodStart.toISOString()),
    rows.map((r) => r.u.meterId),
    rows.map((r) => r.value),
  ]);
  for (const r of res.rows) counts.set(keyOf(r), (counts.get(keyOf(r)) ?? 0) + 1);
  return counts;
}
