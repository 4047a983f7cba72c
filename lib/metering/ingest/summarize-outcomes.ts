import type { FieldProblem } from "@/lib/errors/app-error";
import { shortfallDto, type ShortfallDto } from "@/lib/ledger/shortfall-dto";
import type { LimitBreach } from "@/lib/limits/limit-breach";
import { limitProblem, limitRefusalDtos, type LimitRefusalDto } from "@/lib/limits/limit-refusal-dto";
import type { CommitOutcome } from "./group-outcomes";
import type { PreparedEvent, Rejection } from "./prepare-events";

export type EventOutcome =
  | { index: number; id: string; status: "accepted" }
  | { index: number; id: string; status: "duplicate"; contentDiffers: boolean; conflict?: true }
  | { index: number; id: string | null; status: "rejected"; problems: FieldProblem[] }
  | { index: number; id: string; status: "refused"; reason: "insufficient_credits"; customer: string };

/**
 * `credits`: per customer whose events were refused (prepaid credits short), the balance and what was needed.
 * `limits`: per customer and hard cap whose events were rejected (rule spending_limit), the cap, the usage so
 * far and what the rejected events would have added.
 */
export type IngestResult = {
  outcomes: EventOutcome[];
  accepted: number;
  duplicates: number;
  rejected: number;
  refused: number;
  credits: ShortfallDto[];
  limits: LimitRefusalDto[];
};

/** Merges the rejections with the committed outcomes (which follow the valid events' order) and counts them. */
export function summarizeOutcomes(prepared: (PreparedEvent | Rejection)[], committed: CommitOutcome[]): IngestResult {
  let next = 0;
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  let refused = 0;
  const credits = new Map<string, ShortfallDto>();
  const limited: { breach: LimitBreach; externalId: string }[] = [];
  const outcomes = prepared.map((p): EventOutcome => {
    if ("status" in p) {
      rejected++;
      return p;
    }
    const c = committed[next++];
    if (c.status === "accepted") {
      accepted++;
      return { index: p.index, id: p.id, status: "accepted" };
    }
    if (c.status === "refused") {
      refused++;
      credits.set(p.customerId, shortfallDto(c.shortfall, p.externalCustomerId));
      return { index: p.index, id: p.id, status: "refused", reason: c.reason, customer: p.externalCustomerId };
    }
    if (c.status === "limited") {
      rejected++;
      limited.push({ breach: c.breach, externalId: p.externalCustomerId });
      return { index: p.index, id: p.id, status: "rejected", problems: [limitProblem(c.breach, p.externalCustomerId)] };
    }
    duplicates++;
    // A conflict: the id was stored before with other content (counted by lib/metering/conflicts).
    if (c.contentDiffers) return { index: p.index, id: p.id, status: "duplicate", contentDiffers: true, conflict: true };
    return { index: p.index, id: p.id, status: "duplicate", contentDiffers: false };
  });
  return { outcomes, accepted, duplicates, rejected, refused, credits: [...credits.values()], limits: limitRefusalDtos(limited) };
}
