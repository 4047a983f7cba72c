import "server-only";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";
import type { CommitOutcome } from "./commit-event-group";
import { eventCommitter } from "./event-committer";
import { loadIngestContext } from "./load-ingest-context";
import { prepareEvent, type PreparedEvent, type Rejection } from "./prepare-events";
import { eventKey } from "./write-events";
import { shortfallDto, type ShortfallDto } from "@/lib/ledger/shortfall-dto";

export type EventOutcome =
  | { index: number; id: string; status: "accepted" }
  | { index: number; id: string; status: "duplicate"; contentDiffers: boolean }
  | { index: number; id: string | null; status: "rejected"; problems: FieldProblem[] }
  | { index: number; id: string; status: "refused"; reason: "insufficient_credits"; customer: string };

/** `credits`: per customer whose events were refused (prepaid credits short), the balance and what was needed. */
export type IngestResult = { outcomes: EventOutcome[]; accepted: number; duplicates: number; rejected: number; refused: number; credits: ShortfallDto[] };

/**
 * Validates a batch of raw events and stores the valid ones through the group committer, which writes
 * them, with their rollups, in one transaction shared with other requests arriving at the same time.
 * Each event is accepted, a duplicate (same customer and id stored before, or earlier in this batch or
 * in a concurrent request; `contentDiffers` says whether its type, timestamp or properties differ from
 * the stored copy), or rejected with field problems. Returns only after the transaction committed.
 */
export async function ingestEvents(actor: Actor, rawEvents: unknown[], now = new Date()): Promise<IngestResult> {
  const { EVENT_MAX_AGE_DAYS, EVENT_MAX_FUTURE_MINUTES } = env();
  const window = { now, maxAgeDays: EVENT_MAX_AGE_DAYS, maxFutureMinutes: EVENT_MAX_FUTURE_MINUTES };
  const ctx = await loadIngestContext(pool(), distinct(rawEvents, "customer"), distinct(rawEvents, "type"), now.getTime());
  const prepared = rawEvents.map((raw, i) => prepareEvent(raw, i, ctx, window));
  assertKeyMayReport(actor, prepared);
  const valid = prepared.filter((p): p is PreparedEvent => !("status" in p));
  let committed: CommitOutcome[] = [];
  if (valid.length > 0) {
    const explicitTimestamp = valid.map((e) => (rawEvents[e.index] as { timestamp?: unknown }).timestamp !== undefined);
    const committer = eventCommitter();
    const submission = { events: valid, explicitTimestamp, keys: valid.map((e) => eventKey(e.customerId, e.id)) };
    committed = await ("submit" in committer ? committer : await committer).submit(submission).catch(storeFailed);
  }
  return summarize(prepared, committed);
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

function distinct(raw: unknown[], field: "customer" | "type"): Set<string> {
  const out = new Set<string>();
  for (const e of raw) {
    const v = (e as Record<string, unknown> | null)?.[field];
    if (typeof v === "string") out.add(v);
  }
  return out;
}

function assertKeyMayReport(actor: Actor, prepared: (PreparedEvent | Rejection)[]): void {
  if (actor.kind !== "apiKey" || actor.customerId === null) return;
  const other = prepared.find((p): p is PreparedEvent => !("status" in p) && p.customerId !== actor.customerId);
  if (other) throw new AppError("FORBIDDEN", `This API key is limited to one customer and cannot report usage for "${other.externalCustomerId}"`);
}

/** Merges the rejections with the committed outcomes (which follow the valid events' order). */
function summarize(prepared: (PreparedEvent | Rejection)[], committed: CommitOutcome[]): IngestResult {
  let next = 0;
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  let refused = 0;
  const credits = new Map<string, ShortfallDto>();
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
    duplicates++;
    return { index: p.index, id: p.id, status: "duplicate", contentDiffers: c.contentDiffers };
  });
  return { outcomes, accepted, duplicates, rejected, refused, credits: [...credits.values()] };
}
