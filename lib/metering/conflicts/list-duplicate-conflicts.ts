import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { pool } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { pgSql } from "@/lib/db/sql";

type SampleContent = { type: string; timestamp: string; properties: Record<string, unknown> };

export type ConflictDay = {
  customerId: string;
  customerName: string;
  externalId: string;
  /** The UTC day the conflicting copies arrived (YYYY-MM-DD). */
  day: string;
  count: number;
  lastAt: Date;
  /** The last conflicting copy of that day: its id, what was sent and what is stored. */
  sample: { id: string; sent: SampleContent; stored: SampleContent };
};

type Row = { customer_id: string; name: string; external_id: string; day: string; count: number; last_at: Date; sample_id: string; sample_sent: SampleContent; sample_stored: SampleContent };

/**
 * Duplicate conflicts of the last `days` days (UTC), newest first: per customer and day, how many re-sent
 * events differed from the stored ones, with the last as a sample. One customer's, or every customer's.
 */
export async function listDuplicateConflicts(actor: Actor, opts: { customerId?: string | null; days?: number; limit?: number } = {}): Promise<ConflictDay[]> {
  assertAdmin(actor);
  const customerId = opts.customerId && isUuid(opts.customerId) ? opts.customerId : null;
  if (opts.customerId && !customerId) return [];
  const rows = await pgSql(pool()).query<Row>(
    `SELECT d.customer_id::text, c.name, c.external_id, to_char(d.day, 'YYYY-MM-DD') AS day, d.count, d.last_at, d.sample_id, d.sample_sent, d.sample_stored
     FROM duplicate_conflict_days d JOIN customers c ON c.id = d.customer_id
     WHERE ($1::uuid IS NULL OR d.customer_id = $1::uuid) AND d.day >= (now() AT TIME ZONE 'UTC')::date - $2::int
     ORDER BY d.last_at DESC LIMIT $3`,
    [customerId, opts.days ?? 30, opts.limit ?? 50],
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    customerName: r.name,
    externalId: r.external_id,
    day: r.day,
    count: r.count,
    lastAt: r.last_at,
    sample: { id: r.sample_id, sent: r.sample_sent, stored: r.sample_stored },
  }));
}
