import "server-only";
import type { Sql } from "@/lib/db/sql";
import type { PeriodCharge } from "@/lib/ledger/usage-charges";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";
import type Decimal from "decimal.js";
import { MoneyDecimal } from "@/lib/money/decimal";
import { queueNotifications } from "@/lib/notifications/queue-notifications";
import { SpendingLimitReached } from "./limit-breach";
import { limitValues, type LimitValueRow } from "./limit-values";

type Touched = { customerId: string; periodStart: Date };

/**
 * The limits' hook at the end of an ingestion write, after rating and the credit burn, in the same
 * transaction (lib/metering/ingest/apply-new-usage.ts). For the customers that have limits (`limited`, read
 * with the write's subscriptions) and the billing periods the write touched: a hard cap whose value the write
 * raised past the cap throws SpendingLimitReached (the write is refused, and written again event by event);
 * otherwise each threshold the value has reached gets its alert, once per limit, period and threshold (a
 * unique key: concurrent writes crossing it together make one), with an `alert.triggered` notification.
 * The period rows the rating and the tally updated are locked by this transaction, so concurrent writes for
 * one customer read each other's values in turn: a cap is never overshot.
 */
export async function applySpendingLimits(
  sql: Sql,
  limited: ReadonlySet<string>,
  periods: readonly Touched[],
  charges: readonly PeriodCharge[],
  fresh: readonly PreparedEvent[],
): Promise<void> {
  if (limited.size === 0) return;
  const touched = uniquePeriods(periods.filter((p) => limited.has(p.customerId)));
  if (touched.length === 0) return;
  const rows = await limitValues(sql, touched);
  if (rows.length === 0) return;
  for (const row of rows) {
    if (row.mode !== "HARD_CAP") continue;
    const value = new MoneyDecimal(row.value);
    if (value.lte(row.limit)) continue;
    const raised = raisedBy(row, charges, fresh);
    if (raised === null) continue;
    throw new SpendingLimitReached({
      customerId: row.customer_id,
      limitId: row.id,
      scope: row.scope,
      meterId: row.meter_id,
      periodStart: row.period_start,
      currency: row.currency,
      cap: row.limit,
      before: raised.isZero() ? row.value : value.minus(raised).toFixed(),
      after: row.value,
    });
  }
  await recordCrossings(sql, rows);
}

/** How much this write raised the row's value (a meter: 0 when its aggregation does not say), or null if it did not. */
function raisedBy(
  row: LimitValueRow,
  charges: readonly PeriodCharge[],
  fresh: readonly PreparedEvent[],
): Decimal | null {
  if (row.scope === "spend") {
    const at = row.period_start.getTime();
    const delta = charges
      .filter((c) => c.customerId === row.customer_id && c.periodStart.getTime() === at)
      .reduce((s, c) => s + c.deltaMinor, 0n);
    return delta > 0n ? new MoneyDecimal(delta.toString()) : null;
  }
  let fed = false;
  let added = new MoneyDecimal(0);
  for (const e of fresh) {
    if (e.customerId !== row.customer_id) continue;
    for (const c of e.contributions) {
      if (c.meter.id !== row.meter_id) continue;
      fed = true;
      // What the event adds to a SUM or COUNT meter; MAX, LATEST and unique counts: not known here.
      if (c.meter.aggregation === "SUM" && c.value !== null) added = added.plus(c.value);
      else if (c.meter.aggregation === "COUNT") added = added.plus(1);
    }
  }
  return fed ? added : null;
}

function uniquePeriods(periods: readonly Touched[]): Touched[] {
  const seen = new Map<string, Touched>();
  for (const p of periods) seen.set(`${p.customerId}|${p.periodStart.getTime()}`, p);
  return [...seen.values()];
}

/** The alerts of every threshold each value has reached, inserted once (ON CONFLICT), and a notification for each new one. */
export async function recordCrossings(sql: Sql, rows: readonly LimitValueRow[]): Promise<void> {
  const crossed: { row: LimitValueRow; threshold: number }[] = [];
  for (const row of rows) {
    const value = new MoneyDecimal(row.value).times(100);
    for (const t of row.thresholds)
      if (value.gte(new MoneyDecimal(row.limit).times(t))) crossed.push({ row, threshold: t });
  }
  if (crossed.length === 0) return;
  const made = await sql.query<{
    id: string;
    customer_id: string;
    limit_id: string;
    period_start: Date;
    threshold: number;
  }>(
    `INSERT INTO limit_alerts AS a (customer_id, limit_id, period_start, kind, threshold, limit_value, value)
     SELECT c, l, p, 'threshold', t, lv, v FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::int[], $5::numeric[], $6::numeric[]) AS x(c, l, p, t, lv, v)
     ON CONFLICT (customer_id, limit_id, period_start, kind, threshold) DO NOTHING
     RETURNING a.id::text, a.customer_id::text, a.limit_id::text, a.period_start, a.threshold`,
    [
      crossed.map((c) => c.row.customer_id),
      crossed.map((c) => c.row.id),
      crossed.map((c) => c.row.period_start.toISOString()),
      crossed.map((c) => c.threshold),
      crossed.map((c) => c.row.limit),
      crossed.map((c) => c.row.value),
    ],
  );
  const byKey = new Map(
    crossed.map((c) => [`${c.row.id}|${c.row.period_start.getTime()}|${c.threshold}`, c.row]),
  );
  await queueNotifications(
    sql,
    made.map((a) => {
      const row = byKey.get(`${a.limit_id}|${new Date(a.period_start).getTime()}|${a.threshold}`)!;
      return {
        customerId: a.customer_id,
        kind: "alert.triggered" as const,
        payload: alertPayload(a.id, row, a.threshold, "threshold"),
      };
    }),
  );
}

/** What an alert notification says (webhook `data`, email): the limit, the threshold, the value at crossing. */
export function alertPayload(
  alertId: string,
  row: LimitValueRow,
  threshold: number,
  kind: "threshold" | "cap_reached",
) {
  return {
    alertId,
    kind,
    limitId: row.id,
    scope: row.scope,
    meterId: row.meter_id,
    setBy: row.set_by.toLowerCase(),
    mode: row.mode.toLowerCase(),
    threshold,
    periodStart: row.period_start.toISOString(),
    limit: row.limit,
    value: row.value,
    unit: row.scope === "spend" ? `${row.currency} minor units` : "quantity",
    currency: row.currency,
  };
}
