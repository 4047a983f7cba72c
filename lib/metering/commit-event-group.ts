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
  const { unique, owners } = firstCopies(submissions);
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query("BEGIN");
      const inserted = await writeEvents(client, unique);
      const storedBefore = unique.length === inserted.size ? new Map<string, EventContent>() : await loadStoredEvents(client, unique.filter((e) => !inserted.has(keyOf(e))));
      await client.query("COMMIT");
      return outcomes(submissions, owners, inserted, storedBefore);
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      if (attempt >= ATTEMPTS || !TRANSIENT.has((e as { code?: string }).code ?? "")) throw e;
    }
  }
}

const keyOf = (e: PreparedEvent) => eventKey(e.customerId, e.id);

/** The group's events with each (customer, id) once, sorted by key (writeEvents' lock order), and each key's first copy. */
function firstCopies(submissions: EventSubmission[]): { unique: PreparedEvent[]; owners: Map<string, PreparedEvent> } {
  const owners = new Map<string, PreparedEvent>();
  const keyed: { key: string; event: PreparedEvent }[] = [];
  for (const s of submissions) {
    for (const event of s.events) {
      const key = keyOf(event);
      if (owners.has(key)) continue;
      owners.set(key, event);
      keyed.push({ key, event });
    }
  }
  // Sorted here with keys computed once; writeEvents sorts again, which is linear on sorted input.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { unique: keyed.map((k) => k.event), owners };
}

function outcomes(submissions: EventSubmission[], owners: Map<string, PreparedEvent>, inserted: Set<string>, storedBefore: Map<string, EventContent>): CommitOutcome[][] {
  return submissions.map((s) =>
    s.events.map((event, i) => {
      const key = keyOf(event);
      const first = owners.get(key)!;
      const isNew = inserted.has(key);
      if (isNew && first === event) return ACCEPTED;
      const stored = isNew ? first : storedBefore.get(key);
      // A conflicting row that cannot be read back (removed since) is not claimed to differ.
      if (!stored) return SAME;
      return contentDiffers(event, s.explicitTimestamp[i], stored) ? DIFFERS : SAME;
    }),
  );
}
