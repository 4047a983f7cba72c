import "server-only";
import type { PoolClient } from "pg";
import { loadStoredEvents } from "./load-stored-events";
import type { PreparedEvent } from "./prepare-events";
import { contentDiffers, type EventContent } from "./same-content";
import { eventKey, writeEvents } from "./write-events";

/** One request's valid events (a (customer, id) may repeat) and whether each named its timestamp. */
export type EventSubmission = { events: PreparedEvent[]; explicitTimestamp: boolean[] };

export type CommitOutcome = { status: "accepted" } | { status: "duplicate"; contentDiffers: boolean };

const ACCEPTED: CommitOutcome = Object.freeze({ status: "accepted" });
const SAME: CommitOutcome = Object.freeze({ status: "duplicate", contentDiffers: false });
const DIFFERS: CommitOutcome = Object.freeze({ status: "duplicate", contentDiffers: true });

/** Deadlock and serialization failures: the transaction is retried as a whole. */
const TRANSIENT = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;


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
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query("BEGIN");
      const inserted = await writeEvents(client, group.unique);
      const storedBefore = group.unique.length === inserted.size ? new Map<string, EventContent>() : await loadStoredEvents(client, group.unique.filter((_, i) => !inserted.has(group.uniqueKeys[i])));
      await client.query("COMMIT");
      return outcomes(submissions, group, inserted, storedBefore);
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      if (attempt >= ATTEMPTS || !TRANSIENT.has((e as { code?: string }).code ?? "")) throw e;
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
};

function firstCopies(submissions: EventSubmission[]): Group {
  const firstCopy = new Map<string, PreparedEvent>();
  const keyed: { key: string; event: PreparedEvent }[] = [];
  const keys = submissions.map((s) =>
    s.events.map((event) => {
      const key = eventKey(event.customerId, event.id);
      if (!firstCopy.has(key)) {
        firstCopy.set(key, event);
        keyed.push({ key, event });
      }
      return key;
    }),
  );
  // Sorted here with keys computed once; writeEvents sorts again, which is linear on sorted input.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { unique: keyed.map((k) => k.event), uniqueKeys: keyed.map((k) => k.key), firstCopy, keys };
}

function outcomes(submissions: EventSubmission[], group: Group, inserted: Set<string>, storedBefore: Map<string, EventContent>): CommitOutcome[][] {
  return submissions.map((s, n) =>
    s.events.map((event, i) => {
      const key = group.keys[n][i];
      const first = group.firstCopy.get(key)!;
      const isNew = inserted.has(key);
      if (isNew && first === event) return ACCEPTED;
      const stored = isNew ? first : storedBefore.get(key);
      // A conflicting row that cannot be read back (removed since) is not claimed to differ.
      if (!stored) return SAME;
      return contentDiffers(event, s.explicitTimestamp[i], stored) ? DIFFERS : SAME;
    }),
  );
}
