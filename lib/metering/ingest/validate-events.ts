import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { eventKey } from "./event-key";
import type { EventSubmission } from "./group-submissions";
import { loadIngestContext } from "./load-ingest-context";
import { prepareEvent, type PreparedEvent, type Rejection } from "./prepare-events";

export type ValidatedEvents = {
  /** Every raw event, prepared or rejected, in request order. */
  prepared: (PreparedEvent | Rejection)[];
  /** The valid ones as one submission for the group committer (null when none is valid). */
  submission: EventSubmission | null;
};

/**
 * Validates raw events against the schema, the known customers and active meters (cached briefly) and
 * the accepted time window. A key limited to one customer may report only that customer's usage (403).
 */
export async function validateEvents(actor: Actor, rawEvents: unknown[], now: Date): Promise<ValidatedEvents> {
  const { EVENT_MAX_AGE_DAYS, EVENT_MAX_FUTURE_MINUTES } = env();
  const window = { now, maxAgeDays: EVENT_MAX_AGE_DAYS, maxFutureMinutes: EVENT_MAX_FUTURE_MINUTES };
  const ctx = await loadIngestContext(pool(), distinct(rawEvents, "customer"), distinct(rawEvents, "type"), now.getTime());
  assertKeyMayReport(actor, rawEvents, ctx.customerIdByExternalId);
  const prepared = rawEvents.map((raw, i) => prepareEvent(raw, i, ctx, window));
  const valid = prepared.filter((p): p is PreparedEvent => !("status" in p));
  if (valid.length === 0) return { prepared, submission: null };
  const explicitTimestamp = valid.map((e) => (rawEvents[e.index] as { timestamp?: unknown }).timestamp !== undefined);
  return { prepared, submission: { events: valid, explicitTimestamp, keys: valid.map((e) => eventKey(e.customerId, e.id)) } };
}

/** The names to look up; one holding NUL is left out (Postgres refuses it in a query; prepareEvent rejects its event). */
function distinct(raw: unknown[], field: "customer" | "type"): Set<string> {
  const out = new Set<string>();
  for (const e of raw) {
    const v = (e as Record<string, unknown> | null)?.[field];
    if (typeof v === "string" && !v.includes("\u0000")) out.add(v);
  }
  return out;
}

/**
 * A key limited to one customer names no other, existing or not, valid event or not: the same 403 for
 * each, before any event is checked, so its answers tell nothing of other customers (whether one exists,
 * is suspended, has a meter).
 */
function assertKeyMayReport(actor: Actor, rawEvents: unknown[], customerIdByExternalId: Map<string, string>): void {
  if (actor.kind !== "apiKey" || actor.customerId === null) return;
  for (const raw of rawEvents) {
    const customer = (raw as { customer?: unknown } | null)?.customer;
    if (typeof customer === "string" && customerIdByExternalId.get(customer) !== actor.customerId)
      throw new AppError("FORBIDDEN", `This API key is limited to one customer and cannot report usage for "${customer}"`);
  }
}
