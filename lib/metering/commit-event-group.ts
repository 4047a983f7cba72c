import "server-only";
import type { PoolClient } from "pg";
import { loadStoredEvents } from "./load-stored-events";
import type { PreparedEvent } from "./prepare-events";
import { contentDiffers, type EventContent } from "./same-content";
import { eventKey } from "./write-events";
import { writeFundedEvents, type CreditRefusal, type FundedWrite } from "@/lib/ledger/write-funded-events";
import { HeldEventsNotStored, InFlightKeys } from "./in-flight-keys";
import { InsufficientCreditsError } from "@/lib/ledger/insufficient-credits";
import { RecentShortfalls } from "@/lib/ledger/recent-shortfalls";

/**
 * One request's valid events (a (customer, id) may repeat), whether each named its timestamp, and
 * (optional) each one's eventKey, computed by the request before it queues so the writer need not.
 */
export type EventSubmission = { events: PreparedEvent[]; explicitTimestamp: boolean[]; keys?: string[] };

/** "refused": the event is new but its customer's prepaid credits cannot cover its request's usage (not stored). */
export type CommitOutcome = { status: "accepted" } | { status: "duplicate"; contentDiffers: boolean } | CreditRefusal;

const ACCEPTED: CommitOutcome = Object.freeze({ status: "accepted" });
const SAME: CommitOutcome = Object.freeze({ status: "duplicate", contentDiffers: false });
const DIFFERS: CommitOutcome = Object.freeze({ status: "duplicate", contentDiffers: true });

/** Deadlock and serialization failures: the transaction is retried as a whole. */
const TRANSIENT = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;

/** The process's groups in flight (one event committer per process). */
const IN_FLIGHT = new InFlightKeys();
/** The customers whose credits a fast-path write recently found short. */
const SHORTFALLS = new RecentShortfalls();

/**
 * Writes the events of several requests in one transaction on `client` and returns, per request and
 * per event, accepted or duplicate. An event is accepted once: its first copy in the group (in request
 * order) if no earlier transaction stored its (customer, id); every other copy, in the same or another
 * request, is a
 * duplicate, flagged `contentDiffers` when its type, timestamp or properties differ from the copy
 * that was stored. Returns only after COMMIT; on any error the transaction is rolled back and the
 * error thrown, so nothing is reported that is not committed.
 */
export async function commitEventGroup(client: PoolClient, submissions: EventSubmission[]): Promise<CommitOutcome[][]> {
  const group = firstCopies(submissions);
  // Careful (savepoints) from the start only for a customer whose credits were recently short.
  let careful = SHORTFALLS.anyOf(group.customerIds);
  for (let attempt = 1; ; ) {
    // The events another group in flight is writing are left to it; this one reads them back as stored
    // (duplicates) once that group committed, or writes them on its next attempt if it rolled back.
    const claim = IN_FLIGHT.claim(group.uniqueKeys);
    const unique = claim.others ? group.unique.filter((_, i) => claim.mine[i]) : group.unique;
    const uniqueKeys = claim.others ? group.uniqueKeys.filter((_, i) => claim.mine[i]) : group.uniqueKeys;
    try {
      // BEGIN is queued, not awaited: pg sends writeEvents' first statement the moment BEGIN completes,
      // without waiting for a turn of the event loop (which, at high rate, is busy parsing requests).
      const began = client.query("BEGIN");
      began.catch(() => {}); // awaited below; a failure also fails the statements queued behind it
      const writing = writeFundedEvents(client, unique, uniqueKeys, submissions, group.firstCopy, claim.others, careful);
      writing.catch(() => {}); // awaited below, after BEGIN's answer (which comes first)
      await began;
      const funded = await writing;
      const inserted = funded.inserted;
      // Likewise the stored copies of the duplicates and COMMIT go out back to back. If the SELECT
      // fails the transaction is aborted and COMMIT answers ROLLBACK, which counts as a failure.
      const missing = group.unique.length === inserted.size ? null : group.unique.filter((_, i) => !inserted.has(group.uniqueKeys[i]));
      const stored = missing ? loadStoredEvents(client, missing) : null;
      const committed = client.query("COMMIT");
      committed.catch(() => {}); // awaited below
      const [storedBefore, commit] = await Promise.all([stored ?? new Map<string, EventContent>(), committed]);
      if (commit.command !== "COMMIT") throw new Error(`COMMIT answered ${commit.command}: the group was rolled back`);
      claim.release(true);
      return outcomes(submissions, group, funded, storedBefore);
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      claim.release(false);
      if (e instanceof InsufficientCreditsError && !careful) {
        // The fast path found a prepaid balance short: written again with savepoints (not a failed attempt).
        SHORTFALLS.note(e.shortfall.customerId);
        careful = true;
        continue;
      }
      const retry = e instanceof HeldEventsNotStored || TRANSIENT.has((e as { code?: string }).code ?? "");
      if (attempt++ >= ATTEMPTS || !retry) throw e;
    }
  }
}

type Group = {
  /** Each (customer, id) once, sorted by key (writeEvents' lock order), with its key. */
  unique: PreparedEvent[];
  uniqueKeys: string[];
  /** The first copy of each key in the group. */
  firstCopy: Map<string, PreparedEvent>;
  /** Every submitted event's key, per submission. */
  keys: string[][];
  customerIds: Set<string>;
};

function firstCopies(submissions: EventSubmission[]): Group {
  const firstCopy = new Map<string, PreparedEvent>();
  const keyed: { key: string; event: PreparedEvent }[] = [];
  const keys = submissions.map((s) =>
    s.events.map((event, i) => {
      const key = s.keys?.[i] ?? eventKey(event.customerId, event.id);
      if (!firstCopy.has(key)) {
        firstCopy.set(key, event);
        keyed.push({ key, event });
      }
      return key;
    }),
  );
  // Sorted here with keys computed once; writeEvents takes these keys and sees they are in order.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const customerIds = new Set<string>();
  for (const k of keyed) customerIds.add(k.event.customerId);
  return { unique: keyed.map((k) => k.event), uniqueKeys: keyed.map((k) => k.key), firstCopy, keys, customerIds };
}

function outcomes(submissions: EventSubmission[], group: Group, { inserted, refused, firstCopy }: FundedWrite, storedBefore: Map<string, EventContent>): CommitOutcome[][] {
  return submissions.map((s, n) =>
    s.events.map((event, i) => {
      const key = group.keys[n][i];
      const isNew = inserted.has(key);
      // A refused request's new events are refused; those stored before the group stay duplicates.
      const refusal = refused.get(n)?.get(event.customerId);
      if (refusal && (isNew || !storedBefore.has(key))) return refusal;
      const first = firstCopy.get(key)!;
      if (isNew && first === event) return ACCEPTED;
      const stored = isNew ? first : storedBefore.get(key);
      // A conflicting row that cannot be read back (removed since) is not claimed to differ.
      if (!stored) return SAME;
      return contentDiffers(event, s.explicitTimestamp[i], stored) ? DIFFERS : SAME;
    }),
  );
}
