import "server-only";
import { prisma } from "@/lib/db/client";
import { prismaSql, type Sql } from "@/lib/db/sql";
import { loadCustomerForecast } from "./forecast-for-customer";
import { queueNotifications } from "@/lib/notifications/queue-notifications";
import { forecastCrossings } from "./forecast-crossings";

/**
 * The forecast's alerts, for the sweep: for each customer with usage in the last `recentHours` (2) hours
 * (of `customerIds`, when given),
 *   - a limit threshold the period's projection will exceed (and the value has not reached) gets its
 *     `alert.triggered` with `kind: forecast`, once per limit, period and threshold;
 *   - each usage spike of the last 7 days (lib/forecast: an hour far above the same hour-of-week baseline,
 *     costing at least $1) gets `usage.spike_detected`, once per meter and hour.
 * Both are rows of limit_alerts (kinds "forecast" and "spike"; a spike's limit_id is its meter), made with
 * ON CONFLICT DO NOTHING, so concurrent sweeps make each once. Returns how many alerts it made.
 */
export async function runForecastAlerts(
  now = new Date(),
  opts: { customerIds?: string[]; recentHours?: number } = {},
): Promise<number> {
  const since = new Date(now.getTime() - (opts.recentHours ?? 2) * 3_600_000);
  const active = await prisma.$queryRaw<{ customer_id: string }[]>`
    SELECT DISTINCT customer_id::text FROM period_meter_charges
    WHERE updated_at > ${since} AND (${opts.customerIds ?? null}::uuid[] IS NULL OR customer_id = ANY(${opts.customerIds ?? null}::uuid[]))
    LIMIT 2000`;
  let made = 0;
  for (const { customer_id: customerId } of active) {
    const forecast = await loadCustomerForecast(customerId, now);
    if (!forecast) continue;
    const limits = await prisma.spendingLimit.findMany({ where: { customerId } });
    const crossings = forecastCrossings(
      forecast,
      limits.map((l) => ({
        id: l.id,
        scope: l.scope,
        limit: l.limitMinor?.toString() ?? l.limitQuantity?.toFixed() ?? "0",
        thresholds: l.thresholds,
      })),
    );
    const meterIds = new Map(forecast.meters.map((m) => [m.meter.key, m.meter.id]));
    const spikes = forecast.spikes.filter((s) => meterIds.has(s.meter));
    if (crossings.length === 0 && spikes.length === 0 && !forecast.projected) continue;
    made += await prisma.$transaction(async (tx) => {
      const sql = prismaSql(tx);
      const rows = [
        ...crossings.map((c) => ({
          limitId: c.limitId,
          periodStart: forecast.period.start,
          kind: "forecast",
          threshold: c.threshold,
          limit: c.limit,
          value: c.projected,
          payload: { ...c, currency: forecast.currency },
        })),
        ...spikes.map((s) => ({
          limitId: meterIds.get(s.meter)!,
          periodStart: s.hour,
          kind: "spike",
          threshold: 0,
          limit: s.threshold,
          value: s.units,
          payload: { ...s, currency: forecast.currency },
        })),
      ];
      const inserted = await sql.query<{
        id: string;
        limit_id: string;
        period_start: Date;
        kind: string;
        threshold: number;
      }>(
        `INSERT INTO limit_alerts AS a (customer_id, limit_id, period_start, kind, threshold, limit_value, value)
         SELECT $1::uuid, l, p, k, t, lv, v FROM unnest($2::uuid[], $3::timestamptz[], $4::text[], $5::int[], $6::numeric[], $7::numeric[]) AS x(l, p, k, t, lv, v)
         ON CONFLICT (customer_id, limit_id, period_start, kind, threshold) DO NOTHING
         RETURNING a.id::text, a.limit_id::text, a.period_start, a.kind, a.threshold`,
        [
          customerId,
          rows.map((r) => r.limitId),
          rows.map((r) => r.periodStart),
          rows.map((r) => r.kind),
          rows.map((r) => r.threshold),
          rows.map((r) => r.limit),
          rows.map((r) => r.value),
        ],
      );
      const key = (limitId: string, at: string | Date, kind: string, t: number) =>
        `${limitId}|${new Date(at).getTime()}|${kind}|${t}`;
      const byKey = new Map(rows.map((r) => [key(r.limitId, r.periodStart, r.kind, r.threshold), r]));
      await queueNotifications(
        sql,
        inserted.map((a) => {
          const r = byKey.get(key(a.limit_id, a.period_start, a.kind, a.threshold))!;
          return a.kind === "spike"
            ? {
                customerId,
                kind: "usage.spike_detected" as const,
                payload: { alertId: a.id, meterId: a.limit_id, ...r.payload },
              }
            : {
                customerId,
                kind: "alert.triggered" as const,
                payload: {
                  alertId: a.id,
                  kind: "forecast",
                  limitId: a.limit_id,
                  threshold: a.threshold,
                  periodStart: forecast.period.start,
                  limit: r.limit,
                  projected: r.value,
                  value: "value" in r.payload ? r.payload.value : r.value,
                  currency: forecast.currency,
                },
              };
        }),
      );
      if (forecast.projected)
        await resolveStaleForecasts(sql, customerId, forecast.period.start, crossings, forecast.currency);
      return inserted.length;
    });
  }
  return made;
}

/**
 * A forecast alert holds while the period is still projected to pass its threshold and has not reached it:
 * once it came true (the threshold's own alert fires), or the projection fell under it, or the limit went,
 * it is resolved, once, with `alert.resolved`.
 */
async function resolveStaleForecasts(
  sql: Sql,
  customerId: string,
  periodStart: string,
  holding: readonly { limitId: string; threshold: number }[],
  currency: string,
): Promise<void> {
  const done = await sql.query<{ id: string; limit_id: string; threshold: number }>(
    `UPDATE limit_alerts a SET resolved_at = now()
     WHERE a.customer_id = $1::uuid AND a.kind = 'forecast' AND a.resolved_at IS NULL AND a.period_start = $2::timestamptz
       AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[], $4::int[]) AS h(l, t) WHERE h.l = a.limit_id AND h.t = a.threshold)
     RETURNING a.id::text, a.limit_id::text, a.threshold`,
    [customerId, periodStart, holding.map((h) => h.limitId), holding.map((h) => h.threshold)],
  );
  await queueNotifications(
    sql,
    done.map((d) => ({
      customerId,
      kind: "alert.resolved" as const,
      payload: {
        alertId: d.id,
        kind: "forecast",
        limitId: d.limit_id,
        threshold: d.threshold,
        periodStart,
        currency,
      },
    })),
  );
}
