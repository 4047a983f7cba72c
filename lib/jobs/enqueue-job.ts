import "server-only";
import type { Sql } from "@/lib/db/sql";

export type JobKind = "auto_recharge.charge" | "invoice.collect" | "credit_note.refund";

/**
 * Queues a job in the caller's transaction (an outbox: it exists exactly when the change that asked for it
 * commits). The same key twice makes one job.
 */
export async function enqueueJob(
  sql: Sql,
  job: { kind: JobKind; key: string; payload: Record<string, unknown>; runAt?: Date },
): Promise<void> {
  await sql.query(
    `INSERT INTO jobs (kind, key, payload, run_at) VALUES ($1, $2, $3::jsonb, COALESCE($4::timestamptz, now())) ON CONFLICT (key) DO NOTHING RETURNING id::text`,
    [job.kind, job.key, JSON.stringify(job.payload), job.runAt ?? null],
  );
}
