import "server-only";
import type { PoolClient } from "pg";
import { inSavepoint } from "@/lib/db/pipelined-transaction";
import { InsufficientCreditsError, type CreditShortfall } from "@/lib/ledger/insufficient-credits";
import { SpendingLimitReached, type LimitBreach } from "@/lib/limits/limit-breach";
import { recordCapReached } from "@/lib/limits/record-cap-reached";
import { pgSql } from "@/lib/db/sql";
import { eventKey } from "./event-key";
import type { PreparedEvent } from "./prepare-events";
import { storeEvents } from "./store-events";

/** A request's events for one customer were refused: their prepaid usage costs more than the balance. */
export type CreditRefusal = { status: "refused"; reason: "insufficient_credits"; shortfall: CreditShortfall };

/** One event was refused: its usage would take its customer past a hard cap (`breach`: the cap, before and after). */
export type LimitRefusal = { status: "limited"; breach: LimitBreach };

export type FundedWrite = {
  /** Keys of the events stored. */
  inserted: Set<string>;
  /** Per request (index), per customer, the refusal of that request's new events for that customer. */
  refused: Map<number, Map<string, CreditRefusal>>;
  /** Per key, the refusal of one event (tried alone after its request went past a hard cap). */
  refusedEvents: Map<string, CreditRefusal | LimitRefusal>;
  /** Per key, the copy that was stored (the group's first copy, unless that copy's request was refused). */
  firstCopy: Map<string, PreparedEvent>;
};

export type FundedStoreOptions = {
  /** The group's events, each key once, in key order, with their keys. */
  events: readonly PreparedEvent[];
  keys: readonly string[];
  /** The group's requests, in order (a refusal is per request and customer). */
  requests: readonly { events: readonly PreparedEvent[] }[];
  /** The first copy of each key in the group. */
  firstCopy: Map<string, PreparedEvent>;
  /** See StoreEventsOptions.waitFor. */
  waitFor: Promise<boolean> | null;
  /**
   * "fast": the whole group in the transaction's own statements; a short prepaid balance throws
   * InsufficientCreditsError (the caller rolls back and writes the group again, carefully).
   * "careful": the whole group in one savepoint, and only when a balance is short or a cap is reached,
   * customer by customer (id order, the lock order) and that customer's events request by request, each
   * in a savepoint: the requests that fit are stored; a request short of credits is refused; a request
   * past a hard cap is tried event by event, so the events that fit under the cap are stored.
   */
  mode: "fast" | "careful";
};

type Attempt = { ok: true } | { ok: false; shortfall: CreditShortfall } | { ok: false; breach: LimitBreach };

const keyOf = (e: PreparedEvent) => eventKey(e.customerId, e.id);

/**
 * Stores a group's events so that a PREPAID customer's events are stored only if their balance covers
 * them, deciding per request: when it cannot cover a request's new events for that customer, all of
 * them are refused (none stored, nothing burned); the request's other customers are unaffected.
 */
export async function storeFundedEvents(client: PoolClient, opts: FundedStoreOptions): Promise<FundedWrite> {
  const refused = new Map<number, Map<string, CreditRefusal>>();
  const refusedEvents = new Map<string, CreditRefusal | LimitRefusal>();
  if (opts.mode === "fast") {
    const inserted = await storeEvents(client, { events: opts.events, keys: opts.keys, waitFor: opts.waitFor });
    return { inserted, refused, refusedEvents, firstCopy: opts.firstCopy };
  }
  const inserted = new Set<string>();
  const whole = await attempt(client, inserted, { events: opts.events, keys: opts.keys, waitFor: opts.waitFor });
  if (whole.ok) return { inserted, refused, refusedEvents, firstCopy: opts.firstCopy };
  const firstCopy = new Map(opts.firstCopy);
  for (const customerId of [...new Set(opts.events.map((e) => e.customerId))].sort()) {
    if ((await attempt(client, inserted, { events: opts.events.filter((e) => e.customerId === customerId) })).ok) continue;
    for (let n = 0; n < opts.requests.length; n++) {
      const events = newEventsOf(opts.requests[n].events, customerId, inserted);
      if (events.length === 0) continue;
      const result = await attempt(client, inserted, { events });
      if (result.ok) {
        for (const e of events) if (inserted.has(keyOf(e))) firstCopy.set(keyOf(e), e);
        continue;
      }
      if ("breach" in result) {
        await oneByOne(client, events, inserted, firstCopy, refusedEvents);
        continue;
      }
      const byCustomer = refused.get(n) ?? new Map<string, CreditRefusal>();
      byCustomer.set(customerId, { status: "refused", reason: "insufficient_credits", shortfall: result.shortfall });
      refused.set(n, byCustomer);
    }
  }
  return { inserted, refused, refusedEvents, firstCopy };
}

/**
 * A request past a hard cap: its events tried one at a time, in the request's order, each in a savepoint;
 * those that fit are stored, each other is refused on its own. The first refusal of a cap in a period
 * records that the cap was reached (once: lib/limits/record-cap-reached.ts).
 */
async function oneByOne(
  client: PoolClient,
  events: readonly PreparedEvent[],
  inserted: Set<string>,
  firstCopy: Map<string, PreparedEvent>,
  refusedEvents: Map<string, CreditRefusal | LimitRefusal>,
): Promise<void> {
  for (const e of events) {
    const key = keyOf(e);
    const result = await attempt(client, inserted, { events: [e] });
    if (result.ok) {
      if (inserted.has(key)) firstCopy.set(key, e);
      continue;
    }
    if ("breach" in result) {
      refusedEvents.set(key, { status: "limited", breach: result.breach });
      await recordCapReached(pgSql(client), result.breach);
    } else refusedEvents.set(key, { status: "refused", reason: "insufficient_credits", shortfall: result.shortfall });
  }
}

/** A request's events for the customer not stored yet, each key once (its first copy in the request). */
function newEventsOf(events: readonly PreparedEvent[], customerId: string, inserted: Set<string>): PreparedEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = keyOf(e);
    if (e.customerId !== customerId || inserted.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** storeEvents in a savepoint: the shortfall when a prepaid balance was short, or the cap reached (rolled back to the savepoint). */
async function attempt(client: PoolClient, inserted: Set<string>, store: Parameters<typeof storeEvents>[1]): Promise<Attempt> {
  try {
    const written = await inSavepoint(client, "funded_write", () => storeEvents(client, store));
    for (const k of written) inserted.add(k);
    return { ok: true };
  } catch (e) {
    if (e instanceof InsufficientCreditsError) return { ok: false, shortfall: e.shortfall };
    if (e instanceof SpendingLimitReached) return { ok: false, breach: e.breach };
    throw e;
  }
}
