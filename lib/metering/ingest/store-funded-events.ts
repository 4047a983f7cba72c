import "server-only";
import type { PoolClient } from "pg";
import { inSavepoint } from "@/lib/db/pipelined-transaction";
import { InsufficientCreditsError, type CreditShortfall } from "@/lib/ledger/insufficient-credits";
import { eventKey } from "./event-key";
import type { PreparedEvent } from "./prepare-events";
import { storeEvents } from "./store-events";

/** A request's events for one customer were refused: their prepaid usage costs more than the balance. */
export type CreditRefusal = { status: "refused"; reason: "insufficient_credits"; shortfall: CreditShortfall };

export type FundedWrite = {
  /** Keys of the events stored. */
  inserted: Set<string>;
  /** Per request (index), per customer, the refusal of that request's new events for that customer. */
  refused: Map<number, Map<string, CreditRefusal>>;
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
   * "careful": the whole group in one savepoint, and only when a balance is short, customer by customer
   * (id order, the lock order) and a short customer's events request by request, each in a savepoint:
   * the requests that fit are stored, the others refused.
   */
  mode: "fast" | "careful";
};

type Attempt = { ok: true } | { ok: false; shortfall: CreditShortfall };

const keyOf = (e: PreparedEvent) => eventKey(e.customerId, e.id);

/**
 * Stores a group's events so that a PREPAID customer's events are stored only if their balance covers
 * them, deciding per request: when it cannot cover a request's new events for that customer, all of
 * them are refused (none stored, nothing burned); the request's other customers are unaffected.
 */
export async function storeFundedEvents(client: PoolClient, opts: FundedStoreOptions): Promise<FundedWrite> {
  const refused = new Map<number, Map<string, CreditRefusal>>();
  if (opts.mode === "fast") {
    const inserted = await storeEvents(client, { events: opts.events, keys: opts.keys, waitFor: opts.waitFor });
    return { inserted, refused, firstCopy: opts.firstCopy };
  }
  const inserted = new Set<string>();
  const whole = await attempt(client, inserted, { events: opts.events, keys: opts.keys, waitFor: opts.waitFor });
  if (whole.ok) return { inserted, refused, firstCopy: opts.firstCopy };
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
      const byCustomer = refused.get(n) ?? new Map<string, CreditRefusal>();
      byCustomer.set(customerId, { status: "refused", reason: "insufficient_credits", shortfall: result.shortfall });
      refused.set(n, byCustomer);
    }
  }
  return { inserted, refused, firstCopy };
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

/** storeEvents in a savepoint: the shortfall when a prepaid balance was short (rolled back to the savepoint). */
async function attempt(client: PoolClient, inserted: Set<string>, store: Parameters<typeof storeEvents>[1]): Promise<Attempt> {
  try {
    const written = await inSavepoint(client, "funded_write", () => storeEvents(client, store));
    for (const k of written) inserted.add(k);
    return { ok: true };
  } catch (e) {
    if (e instanceof InsufficientCreditsError) return { ok: false, shortfall: e.shortfall };
    throw e;
  }
}
