import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertKeyScope } from "@/lib/api-keys/assert-key-scope";
import { AppError } from "@/lib/errors/app-error";
import type { CommitOutcome } from "./commit-event-group";
import { eventCommitter } from "./event-committer";
import { summarizeOutcomes, type IngestResult } from "./summarize-outcomes";
import { validateEvents } from "./validate-events";

export type { EventOutcome, IngestResult } from "./summarize-outcomes";

/**
 * Ingestion, top to bottom:
 * 1. validate the raw events (validate-events.ts): each is prepared or rejected with field problems;
 * 2. commit the valid ones through the process's group committer (event-committer.ts), which writes
 *    them with other requests' in one transaction (commit-event-group.ts): claim their keys, insert
 *    the events, apply the new usage (rollups -> rating -> credit burn), commit;
 * 3. answer each event: accepted, duplicate (stored before, or earlier in this batch or in a
 *    concurrent request), rejected, or refused (prepaid credits short).
 * Returns only after the transaction committed. A key must have the `ingest` (or `full`) scope.
 */
export async function ingestEvents(actor: Actor, rawEvents: unknown[], now = new Date()): Promise<IngestResult> {
  assertKeyScope(actor, "ingest");
  const { prepared, submission } = await validateEvents(actor, rawEvents, now);
  let committed: CommitOutcome[] = [];
  if (submission) {
    const committer = eventCommitter();
    committed = await ("submit" in committer ? committer : await committer).submit(submission).catch(storeFailed);
  }
  return summarizeOutcomes(prepared, committed);
}

/** The request's own transaction failed (after its group's did): nothing of it is acknowledged. */
function storeFailed(e: unknown): never {
  const code = (e as { code?: unknown }).code;
  const detail = e instanceof Error ? e.message : String(e);
  if (typeof code === "string" && code.startsWith("22")) {
    throw new AppError("UNPROCESSABLE", `The database refused a value in this request, so none of its events were stored: ${detail}`);
  }
  console.error("event ingestion failed:", e);
  throw new AppError("UNAVAILABLE", "The events could not be stored and none of them were acknowledged; send them again");
}
