import "server-only";
import { prisma } from "@/lib/db/client";

export type ClaimedJob = { id: bigint; kind: string; key: string | null; payload: Record<string, unknown>; attempts: number; maxAttempts: number };

/** How long a claimed job is this instance's before another may take it over (a crashed instance's lease runs out). */
export const LEASE_SECONDS = 120;

/**
 * Claims up to `limit` due jobs of these kinds in one statement: rows are picked FOR UPDATE SKIP LOCKED and
 * leased, so any number of instances claim disjoint jobs, and a job whose runner died is claimed again after
 * its lease. An instance claims only the kinds it can run.
 */
export async function claimJobs(limit: number, kinds: readonly string[]): Promise<ClaimedJob[]> {
  const rows = await prisma.$queryRaw<{ id: bigint; kind: string; key: string | null; payload: Record<string, unknown>; attempts: number; max_attempts: number }[]>`
    UPDATE jobs SET attempts = attempts + 1, locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM jobs
      WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= now() AND (locked_until IS NULL OR locked_until < now()) AND kind = ANY(${kinds as string[]})
      ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, key, payload, attempts, max_attempts`;
  return rows.map((r) => ({ id: r.id, kind: r.kind, key: r.key, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }));
}

export async function completeJob(id: bigint): Promise<void> {
  await prisma.job.update({ where: { id }, data: { doneAt: new Date(), lockedUntil: null, lastError: null } });
}

/** A failed attempt: retried after a back-off (5 s, 20 s, 80 s...), or marked failed after the last attempt. */
export async function failJob(job: ClaimedJob, error: string): Promise<void> {
  const last = job.attempts >= job.maxAttempts;
  const delayMs = 5_000 * 4 ** (job.attempts - 1);
  await prisma.job.update({
    where: { id: job.id },
    data: { lockedUntil: null, lastError: error.slice(0, 2000), ...(last ? { failedAt: new Date() } : { runAt: new Date(Date.now() + delayMs) }) },
  });
}
