import { eventKey } from "./event-key";
import type { PreparedEvent } from "./prepare-events";

/**
 * One request's valid events (a (customer, id) may repeat), whether each named its timestamp, and
 * (optional) each one's eventKey, computed by the request before it queues so the writer need not.
 */
export type EventSubmission = { events: PreparedEvent[]; explicitTimestamp: boolean[]; keys?: string[] };

export type EventGroup = {
  /** Each (customer, id) once, sorted by key (the lock order), with its key. */
  unique: PreparedEvent[];
  uniqueKeys: string[];
  /** The first copy of each key in the group (in request order). */
  firstCopy: Map<string, PreparedEvent>;
  /** Every submitted event's key, per submission. */
  keys: string[][];
  customerIds: Set<string>;
};

/** Merges the submissions of one group transaction: each event once, its first copy, in key order. */
export function groupSubmissions(submissions: readonly EventSubmission[]): EventGroup {
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
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const customerIds = new Set<string>();
  for (const k of keyed) customerIds.add(k.event.customerId);
  return { unique: keyed.map((k) => k.event), uniqueKeys: keyed.map((k) => k.key), firstCopy, keys, customerIds };
}
