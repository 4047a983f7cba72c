import type { CorrectionNote } from "@/lib/ledger/burn-usage";

const MAX_REASON = 120;

/**
 * What the credit ledger says when a void moves the balance: "Usage voided: event e-42 (test traffic)" for one
 * event, "Usage voided: 3 llm_tokens events (duplicate batch)" for several; the burn a void can cause (a volume
 * tier lost) says it was re-rated.
 */
export function voidNote(eventType: string, eventIds: readonly string[], reason: string): CorrectionNote {
  const what = eventIds.length === 1 ? `event ${eventIds[0]}` : `${eventIds.length} ${eventType} events`;
  const why = reason.trim().replace(/\s+/g, " ");
  const suffix = why ? ` (${why.length > MAX_REASON ? `${why.slice(0, MAX_REASON - 1)}…` : why})` : "";
  return { refund: `Usage voided: ${what}${suffix}`, burn: `Usage re-rated after voiding ${what}${suffix}` };
}
