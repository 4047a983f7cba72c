import "server-only";
import type { PoolClient } from "pg";
import { pipelinedTransaction } from "@/lib/db/pipelined-transaction";
import { retryTransaction } from "@/lib/db/retry-transaction";
import { InsufficientCreditsError } from "@/lib/ledger/insufficient-credits";
import type { DuplicateConflict } from "@/lib/metering/conflicts/duplicate-conflict";
import { recordDuplicateConflicts } from "@/lib/metering/conflicts/record-duplicate-conflicts";
import { SpendingLimitReached } from "@/lib/limits/limit-breach";
import { groupOutcomes, type CommitOutcome } from "./group-outcomes";
import { groupSubmissions, type EventGroup, type EventSubmission } from "./group-submissions";
import { HeldEventsNotStored, InFlightKeys } from "./in-flight-keys";
import { loadStoredEvents } from "./load-stored-events";
import { RecentShortfalls } from "./recent-shortfalls";
import { storeFundedEvents } from "./store-funded-events";

export type { CommitOutcome } from "./group-outcomes";
export type { EventSubmission } from "./group-submissions";

const ATTEMPTS = 3;

/** The process's groups in flight (one event committer per process). */
const IN_FLIGHT = new InFlightKeys();
/** The customers whose credits a fast write recently found short: their groups go careful at once. */
const SHORTFALLS = new RecentShortfalls();

/** Not ok: a fast write found this customer short of prepaid credits, or past a hard cap. */
type Written = { ok: true; outcomes: CommitOutcome[][]; conflicts: DuplicateConflict[] } | { ok: false; customerId: string };

/**
 * Writes the events of several requests in one transaction on `client` and returns, per request and
 * per event, its outcome (group-outcomes.ts). Fast first (no savepoints), unless one of the group's
 * customers was recently short of prepaid credits or at a hard cap; a fast write that finds a balance
 * short or a cap reached is rolled back and the group written again, carefully (store-funded-events.ts).
 * Returns only after COMMIT. Duplicates whose content differs from the stored event's (rare) are then
 * counted in one more statement (lib/metering/conflicts); a group without any runs no more than before.
 */
export async function commitEventGroup(client: PoolClient, submissions: EventSubmission[]): Promise<CommitOutcome[][]> {
  const group = groupSubmissions(submissions);
  let written: Written | undefined;
  if (!SHORTFALLS.anyOf(group.customerIds)) {
    written = await writeGroup(client, submissions, group, "fast");
    if (!written.ok) SHORTFALLS.note(written.customerId);
  }
  if (!written?.ok) written = await writeGroup(client, submissions, group, "careful");
  if (!written.ok) throw new Error("a careful group write reported a shortfall instead of refusing the events");
  if (written.conflicts.length > 0) await recordDuplicateConflicts(client, written.conflicts);
  return written.outcomes;
}

/** One group transaction, retried on deadlocks and on held events that were not stored. */
function writeGroup(client: PoolClient, submissions: EventSubmission[], group: EventGroup, mode: "fast" | "careful"): Promise<Written> {
  return retryTransaction(
    async () => {
      // The events another group in flight is writing are left to it: read back as stored (duplicates)
      // once it committed, or written on the next attempt if it rolled back.
      const claim = IN_FLIGHT.claim(group.uniqueKeys);
      const mine = <T>(all: T[]) => (claim.others ? all.filter((_, i) => claim.mine[i]) : all);
      try {
        const { result: written, last: storedBefore } = await pipelinedTransaction(
          client,
          () => storeFundedEvents(client, { events: mine(group.unique), keys: mine(group.uniqueKeys), requests: submissions, firstCopy: group.firstCopy, waitFor: claim.others, mode }),
          // The duplicates' stored copies are read with COMMIT, in the same round trip.
          ({ inserted }) => (group.unique.length === inserted.size ? null : loadStoredEvents(client, group.unique.filter((_, i) => !inserted.has(group.uniqueKeys[i])))),
        );
        claim.release(true);
        const conflicts: DuplicateConflict[] = [];
        return { ok: true, outcomes: groupOutcomes(submissions, group, written, storedBefore ?? new Map(), conflicts), conflicts };
      } catch (e) {
        claim.release(false);
        if (mode === "fast" && e instanceof InsufficientCreditsError) return { ok: false, customerId: e.shortfall.customerId };
        if (mode === "fast" && e instanceof SpendingLimitReached) return { ok: false, customerId: e.breach.customerId };
        throw e;
      }
    },
    { attempts: ATTEMPTS, retryable: (e) => e instanceof HeldEventsNotStored },
  );
}
