import "server-only";
import { eventCommitter } from "@/lib/metering/ingest/event-committer";
import { ingestWorkerEnabled, ingestWorkerStats } from "./ingest-worker-client";
import type { CommitterStats } from "./messages";

/** The group-commit counters of whichever thread ingests events in this process. */
export async function committerStats(): Promise<CommitterStats> {
  if (ingestWorkerEnabled()) return ingestWorkerStats();
  const committer = await eventCommitter();
  return { ...committer.stats, writers: committer.writers };
}
