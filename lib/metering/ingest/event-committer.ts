import "server-only";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { commitEventGroup, type CommitOutcome, type EventSubmission } from "./commit-event-group";
import { GroupCommit } from "@/lib/db/group-commit";
import { namePreparedStatements } from "@/lib/db/prepared-statement";
import { withPipelinedConnection } from "@/lib/db/pipelined-connection";

/** Events per group transaction (a request of up to 1,000 events is never split). */
export const MAX_GROUP_EVENTS = 5000;

/**
 * The second writer starts only when this many events wait behind a group in flight: one-event
 * requests then share one writer's bigger groups (fewer statements per request), and batches get
 * two transactions in flight, one's inserts overlapping the other's JavaScript and COMMIT.
 */
const SECOND_WRITER_BACKLOG = 1000;

type EventCommitter = GroupCommit<EventSubmission, CommitOutcome[]>;

const globalForCommitter = globalThis as unknown as { __meterlyEventCommitter?: Promise<EventCommitter>; __meterlyEventCommitterReady?: EventCommitter };

/**
 * The process's one group committer for usage events: on PostgreSQL up to two writers (the second only
 * under a backlog, see above; never more than the pool can spare), on PGlite one, since its wire server
 * runs one session's transaction at a time anyway. Deadlock-free with two writers: each group's events
 * are sorted by key and storeEvents takes event and rollup row locks in key order (a deadlock or
 * serialization failure is retried by commitEventGroup all the same).
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
  const writers = embedded ? 1 : Math.max(1, Math.min(2, env().DATABASE_POOL_SIZE - 1));
  namePreparedStatements(!embedded);
  return new GroupCommit<EventSubmission, CommitOutcome[]>({
    writers,
    backlogForAnotherWriter: SECOND_WRITER_BACKLOG,
    maxGroupSize: MAX_GROUP_EVENTS,
    sizeOf: (s) => s.events.length,
    writeGroup: writeEventGroup,
  });
}

/** One group's transaction (commitEventGroup) on a pool connection in pipeline mode (lib/db). */
export function writeEventGroup(submissions: EventSubmission[]): Promise<CommitOutcome[][]> {
  return withPipelinedConnection(pool(), (client) => commitEventGroup(client, submissions));
}
