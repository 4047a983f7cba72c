import "server-only";
import type { Sql } from "@/lib/db/sql";
import { queueNotifications } from "@/lib/notifications/queue-notifications";
import type { LimitBreach } from "./limit-breach";

/**
 * The first usage refused by a hard cap in a billing period: a `cap_reached` alert for the limit and period,
 * once (its unique key), with a `spending_limit.reached` notification. Called in the ingest transaction,
 * outside the savepoint the refused event was rolled back to.
 */
export async function recordCapReached(sql: Sql, b: LimitBreach): Promise<void> {
  const made = await sql.query<{ id: string }>(
    `INSERT INTO limit_alerts (customer_id, limit_id, period_start, kind, threshold, limit_value, value)
     VALUES ($1::uuid, $2::uuid, $3::timestamptz, 'cap_reached', 100, $4::numeric, $5::numeric)
     ON CONFLICT (customer_id, limit_id, period_start, kind, threshold) DO NOTHING
     RETURNING id::text`,
    [b.customerId, b.limitId, b.periodStart.toISOString(), b.cap, b.before],
  );
  if (made.length === 0) return;
  await queueNotifications(sql, [
    {
      customerId: b.customerId,
      kind: "spending_limit.reached",
      payload: {
        alertId: made[0].id,
        limitId: b.limitId,
        scope: b.scope,
        meterId: b.meterId,
        periodStart: b.periodStart.toISOString(),
        cap: b.cap,
        value: b.before,
        currency: b.currency,
      },
    },
  ]);
}
