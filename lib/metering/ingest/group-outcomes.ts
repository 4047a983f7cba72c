import type { DuplicateConflict } from "@/lib/metering/conflicts/duplicate-conflict";
import type { EventGroup, EventSubmission } from "./group-submissions";
import { contentDiffers, type EventContent } from "./same-content";
import type { CreditRefusal, FundedWrite, LimitRefusal } from "./store-funded-events";

/**
 * "refused": the event is new but its customer's prepaid credits cannot cover its request's usage (not stored).
 * "limited": the event is new but would take its customer past a hard cap (not stored).
 */
export type CommitOutcome = { status: "accepted" } | { status: "duplicate"; contentDiffers: boolean } | CreditRefusal | LimitRefusal;

const ACCEPTED: CommitOutcome = Object.freeze({ status: "accepted" });
const SAME: CommitOutcome = Object.freeze({ status: "duplicate", contentDiffers: false });
const DIFFERS: CommitOutcome = Object.freeze({ status: "duplicate", contentDiffers: true });

/**
 * Each submitted event's outcome once its group committed. An event is accepted once: its stored copy
 * (the group's first, unless that copy's request was refused). Every other copy is a duplicate, flagged
 * `contentDiffers` when its type, timestamp or properties differ from the stored copy (`storedBefore`:
 * the copies stored by earlier transactions). Each copy that differs is also pushed to `conflicts`.
 */
export function groupOutcomes(submissions: readonly EventSubmission[], group: EventGroup, written: FundedWrite, storedBefore: Map<string, EventContent>, conflicts: DuplicateConflict[] = []): CommitOutcome[][] {
  const { inserted, refused, refusedEvents, firstCopy } = written;
  return submissions.map((s, n) =>
    s.events.map((event, i) => {
      const key = group.keys[n][i];
      const isNew = inserted.has(key);
      // A refused request's new events are refused; those stored before the group stay duplicates.
      const refusal = refused.get(n)?.get(event.customerId);
      if (refusal && (isNew || !storedBefore.has(key))) return refusal;
      const alone = isNew ? undefined : refusedEvents.get(key);
      if (alone && !storedBefore.has(key)) return alone;
      const first = firstCopy.get(key)!;
      if (isNew && first === event) return ACCEPTED;
      const stored = isNew ? first : storedBefore.get(key);
      // A conflicting row that cannot be read back (removed since) is not claimed to differ.
      if (!stored) return SAME;
      if (!contentDiffers(event, s.explicitTimestamp[i], stored)) return SAME;
      conflicts.push({ customerId: event.customerId, id: event.id, sent: event, stored });
      return DIFFERS;
    }),
  );
}
