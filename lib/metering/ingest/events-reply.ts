import type { EventOutcome, IngestResult } from "./ingest-events";
import type { JsonReply } from "@/lib/http/error-response";
import { shortfallMessage } from "@/lib/ledger/shortfall-dto";
import { limitRefusalMessage } from "@/lib/limits/limit-refusal-dto";

/**
 * 202 once events are committed, listing each event's outcome (a duplicate says whether its content
 * differs from the stored event's; one that differs is a conflict, `"conflict": true`, counted for the
 * admin). A single rejected event, or a batch in which every event was rejected, is answered 422 (nothing was written). Events refused because a prepaid customer's credits
 * cannot cover them make the answer 402, saying the balance and what was needed (the request's events for
 * that customer were not stored; other customers' events in a batch were, as `accepted` says). A request
 * whose every event was refused because its customer is suspended (an unpaid invoice) is answered 402
 * with code account_suspended; one whose every event was rejected by a hard cap (rule spending_limit) is
 * answered 402 with code spending_limit_reached, the cap, the spend so far and the rejected events' cost.
 */
export function eventsReply(result: IngestResult, single: boolean): JsonReply {
  const allRejected = result.rejected === result.outcomes.length;
  if (result.refused > 0) {
    const error = {
      code: "PAYMENT_REQUIRED",
      message: shortfallMessage(result.credits),
      credits: result.credits,
    };
    if (single) return { status: 402, body: { error, event: result.outcomes[0] } };
    return {
      status: 402,
      body: {
        error,
        accepted: result.accepted,
        duplicates: result.duplicates,
        rejected: result.rejected,
        refused: result.refused,
        events: result.outcomes,
      },
    };
  }
  if (allRejected && result.outcomes.length > 0 && result.outcomes.every(isLimited)) {
    const error = { code: "spending_limit_reached", message: limitRefusalMessage(result.limits), limits: result.limits };
    return {
      status: 402,
      body: single
        ? { error, event: result.outcomes[0] }
        : { error, accepted: 0, duplicates: 0, rejected: result.rejected, events: result.outcomes },
    };
  }
  if (allRejected && result.outcomes.length > 0 && result.outcomes.every(isSuspended)) {
    const o = result.outcomes[0] as Extract<EventOutcome, { status: "rejected" }>;
    const error = {
      code: "account_suspended",
      message: o.problems.find((p) => p.rule === "account_suspended")!.message,
    };
    return {
      status: 402,
      body: single
        ? { error, event: o }
        : { error, accepted: 0, duplicates: 0, rejected: result.rejected, events: result.outcomes },
    };
  }
  if (single) {
    const o = result.outcomes[0];
    if (o.status === "rejected") {
      return {
        status: 422,
        body: { error: { code: "UNPROCESSABLE", message: "Event rejected", problems: o.problems }, event: o },
      };
    }
    return {
      status: 202,
      body:
        o.status === "duplicate"
          ? { id: o.id, status: o.status, contentDiffers: o.contentDiffers, ...(o.conflict && { conflict: true }) }
          : { id: o.id, status: o.status },
    };
  }
  const body = {
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: result.rejected,
    events: result.outcomes,
  };
  return { status: allRejected ? 422 : 202, body };
}

const isLimited = (o: EventOutcome) =>
  o.status === "rejected" && o.problems.some((p) => p.rule === "spending_limit");

const isSuspended = (o: EventOutcome) =>
  o.status === "rejected" && o.problems.some((p) => p.rule === "account_suspended");
