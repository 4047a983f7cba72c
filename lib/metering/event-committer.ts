import "server-only";
import { pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { commitEventGroup, type CommitOutcome, type EventSubmission } from "./commit-event-group";
import { GroupCommit } from "./group-commit";

/** Events per group transaction (a request of up to 1,000 events is never split). */
export const MAX_GROUP_EVENTS = 5000;

type EventCommitter = GroupCommit<EventSubmission, CommitOutcome[]>;

const globalForCommitter = globalThis as unknown as { __meterlyEventCommitter?: Promise<EventCommitter>; __meterlyEventCommitterReady?: EventCommitter };

/**
 * The process's one group committer for usage events. Two writers on PostgreSQL, so one group's
 * COMMIT (the WAL flush) overlaps the next group's inserts; one on PGlite, whose wire server runs one
 * session's transaction at a time anyway. Deadlock-free with two writers: writeEvents takes event and
 * rollup row locks in key order.
 */
export function eventCommitter(): EventCommitter | Promise<EventCommitter> {
  if (globalForCommitter.__meterlyEventCommitterReady) return globalForCommitter.__meterlyEventCommitterReady;
  globalForCommitter.__meterlyEventCommitter ??= createCommitter().then((c) => (globalForCommitter.__meterlyEventCommitterReady = c)).catch((e) => {
    globalForCommitter.__meterlyEventCommitter = undefined;
    throw e;
  });
  return globalForCommitter.__meterlyEventCommitter;
}

async function createCommitter(): Promise<EventCommitter> {
  const { rows } = await pool().query<{ version: string }>("SELECT version()");
  const embedded = /PGlite/i.test(rows[0]?.version ?? "");
  const writers = process.env.XX_WRITERS ? Number(process.env.XX_WRITERS) : embedded ? 1 : Math.max(1, Math.min(2, env().DATABASE_POOL_SIZE - 1));
  return new GroupCommit<EventSubmission, CommitOutcome[]>({
    writers,
    backlogForAnotherWriter: process.env.XX_BACKLOG ? Number(process.env.XX_BACKLOG) : 1,
    maxGroupSize: MAX_GROUP_EVENTS,
    sizeOf: (s) => s.events.length,
    writeGroup: writeGroup,
  });
}

async function writeGroup(submissions: EventSubmission[]): Promise<CommitOutcome[][]> {
  const client = await pool().connect();
  let broken: Error | undefined;
  try {
    return await commitEventGroup(client, submissions);
  } catch (e) {
    // A connection that failed mid-transaction is not given back to the pool.
    if (!(e as { code?: string }).code) broken = e as Error;
    throw e;
  } finally {
    client.release(broken);
  }
}
