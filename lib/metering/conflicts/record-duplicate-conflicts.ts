import "server-only";
import type { PoolClient } from "pg";
import type { ConflictContent, DuplicateConflict } from "./duplicate-conflict";

/**
 * Adds the conflicts ($2: how many per customer $1) to each customer's counter of the UTC day, keeping the
 * last one as a sample (its id $3, the sent $4 and the stored $5 content). Customers in id order: two
 * concurrent groups lock the counter rows in the same order.
 */
const UPSERT = `
INSERT INTO duplicate_conflict_days AS d (customer_id, day, count, last_at, sample_id, sample_sent, sample_stored)
SELECT u.customer_id, (now() AT TIME ZONE 'UTC')::date, u.n, now(), u.sample_id, u.sent, u.stored
FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[]) AS u(customer_id, n, sample_id, sent, stored)
ORDER BY u.customer_id
ON CONFLICT (customer_id, day) DO UPDATE SET
  count = d.count + EXCLUDED.count, last_at = EXCLUDED.last_at,
  sample_id = EXCLUDED.sample_id, sample_sent = EXCLUDED.sample_sent, sample_stored = EXCLUDED.sample_stored`;

const asJson = (c: ConflictContent) => JSON.stringify({ type: c.type, timestamp: c.timestamp.toISOString(), properties: c.properties });

/**
 * Counts a committed group's duplicate conflicts: one statement, after the group's COMMIT, only when the
 * group had any (never on the normal path). Each conflicting copy counts once. A failure is logged, not
 * thrown: the events are committed and their answers must not turn into errors that make clients resend.
 */
export async function recordDuplicateConflicts(client: PoolClient, conflicts: readonly DuplicateConflict[]): Promise<void> {
  const byCustomer = new Map<string, { n: number; last: DuplicateConflict }>();
  for (const c of conflicts) {
    const seen = byCustomer.get(c.customerId);
    byCustomer.set(c.customerId, { n: (seen?.n ?? 0) + 1, last: c });
  }
  const rows = [...byCustomer.values()];
  try {
    await client.query(UPSERT, [
      rows.map((r) => r.last.customerId),
      rows.map((r) => r.n),
      rows.map((r) => r.last.id),
      rows.map((r) => asJson(r.last.sent)),
      rows.map((r) => asJson(r.last.stored)),
    ]);
  } catch (e) {
    console.error("counting duplicate conflicts failed:", e);
  }
}
