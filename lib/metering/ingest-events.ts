import "server-only";
import { pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";
import { loadIngestContext } from "./load-ingest-context";
import { prepareEvent, type PreparedEvent, type Rejection } from "./prepare-events";
import { eventKey, writeEvents } from "./write-events";

export type EventOutcome =
  | { index: number; id: string; status: "accepted" }
  | { index: number; id: string; status: "duplicate" }
  | { index: number; id: string | null; status: "rejected"; problems: FieldProblem[] };

export type IngestResult = { outcomes: EventOutcome[]; accepted: number; duplicates: number; rejected: number };

/**
 * Validates and stores a batch of raw events in one transaction. Each event is accepted, a duplicate
 * (same customer and id stored before, or earlier in this batch), or rejected with field problems.
 * Returns only after the accepted events and their rollups are committed.
 */
export async function ingestEvents(actor: Actor, rawEvents: unknown[], now = new Date()): Promise<IngestResult> {
  const { EVENT_MAX_AGE_DAYS, EVENT_MAX_FUTURE_MINUTES } = env();
  const window = { now, maxAgeDays: EVENT_MAX_AGE_DAYS, maxFutureMinutes: EVENT_MAX_FUTURE_MINUTES };
  const client = await pool().connect();
  try {
    const ctx = await loadIngestContext(client, distinct(rawEvents, "customer"), distinct(rawEvents, "type"));
    const prepared = rawEvents.map((raw, i) => prepareEvent(raw, i, ctx, window));
    assertKeyMayReport(actor, prepared);
    const { unique, repeats } = splitRepeats(prepared);
    await client.query("BEGIN");
    let inserted: Set<string>;
    try {
      inserted = await writeEvents(client, unique);
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    }
    return summarize(prepared, inserted, repeats);
  } finally {
    client.release();
  }
}

function distinct(raw: unknown[], field: "customer" | "type"): string[] {
  const out = new Set<string>();
  for (const e of raw) {
    const v = (e as Record<string, unknown> | null)?.[field];
    if (typeof v === "string") out.add(v);
  }
  return [...out];
}

function assertKeyMayReport(actor: Actor, prepared: (PreparedEvent | Rejection)[]): void {
  if (actor.kind !== "apiKey" || actor.customerId === null) return;
  const other = prepared.find((p): p is PreparedEvent => !("status" in p) && p.customerId !== actor.customerId);
  if (other) throw new AppError("FORBIDDEN", `This API key is limited to one customer and cannot report usage for "${other.externalCustomerId}"`);
}

/** The first occurrence of (customer, id) in a batch is written; later ones are duplicates of it. */
function splitRepeats(prepared: (PreparedEvent | Rejection)[]) {
  const seen = new Set<string>();
  const unique: PreparedEvent[] = [];
  const repeats = new Set<number>();
  for (const p of prepared) {
    if ("status" in p) continue;
    const key = eventKey(p.customerId, p.id);
    if (seen.has(key)) repeats.add(p.index);
    else {
      seen.add(key);
      unique.push(p);
    }
  }
  return { unique, repeats };
}

function summarize(prepared: (PreparedEvent | Rejection)[], inserted: Set<string>, repeats: Set<number>): IngestResult {
  const outcomes: EventOutcome[] = prepared.map((p) => {
    if ("status" in p) return p;
    const isNew = inserted.has(eventKey(p.customerId, p.id)) && !repeats.has(p.index);
    return { index: p.index, id: p.id, status: isNew ? "accepted" : "duplicate" };
  });
  const count = (s: EventOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  return { outcomes, accepted: count("accepted"), duplicates: count("duplicate"), rejected: count("rejected") };
}
