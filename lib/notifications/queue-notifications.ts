import "server-only";
import type { Sql } from "@/lib/db/sql";
import type { NotificationKind } from "./record-notification";

/** Queues notifications in the caller's transaction on a raw connection (the ingest path's), in one statement. */
export async function queueNotifications(
  sql: Sql,
  rows: readonly { customerId: string; kind: NotificationKind; payload: Record<string, unknown> }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO notifications (customer_id, kind, payload)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) RETURNING id`,
    [rows.map((r) => r.customerId), rows.map((r) => r.kind), rows.map((r) => JSON.stringify(r.payload))],
  );
}
