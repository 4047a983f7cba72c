import "server-only";
import type { PoolClient } from "pg";
import type { PreparedEvent } from "@/lib/metering/prepare-events";
import { eventKey, writeEvents } from "@/lib/metering/write-events";
import { InsufficientCreditsError, type CreditShortfall } from "./insufficient-credits";

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

const keyOf = (e: PreparedEvent) => eventKey(e.customerId, e.id);

/**
 * Writes a group of requests' events (writeEvents: store, rate, burn credits) so that a PREPAID customer's
 * events are stored only if their balance covers them, deciding per request: when it cannot cover a
 * request's new events for that customer, all of them are refused (none stored, nothing burned) and the
 * request's other customers' events are unaffected. `heldElsewhere`: see writeEvents.
 *
 * Each write locks its events' customers in its event insert (writeEvents). Fast path (`careful` false),
 * the usual case: the whole group in the transaction's own statements. When a burn finds a prepaid
 * balance short it throws InsufficientCreditsError, and the caller rolls the transaction back and writes
 * the group again, carefully.
 *
 * Careful: the whole group is written in one savepoint; only when a burn finds a balance short is it
 * rolled back to the savepoint (which also releases the locks it took) and the group written customer by
 * customer (id order, as the locks are taken), and a short customer's events request by request, in
 * request order, each in its own savepoint: the requests that fit are stored and burn, the others are refused. The
 * returned `firstCopy` names the copy stored when an earlier request's copy of the same event was refused.
 */
export async function writeFundedEvents(client: PoolClient, unique: PreparedEvent[], uniqueKeys: readonly string[], requests: readonly { events: readonly PreparedEvent[] }[], groupFirstCopy: Map<string, PreparedEvent>, heldElsewhere: Promise<boolean> | null, careful: boolean): Promise<FundedWrite> {
  const refused = new Map<number, Map<string, CreditRefusal>>();
  const firstCopy = groupFirstCopy;
  if (!careful) return { inserted: await writeEvents(client, unique, uniqueKeys, heldElsewhere), refused, firstCopy };
  const inserted = new Set<string>();
  if ((await attempt(client, unique, inserted, uniqueKeys, heldElsewhere)) === null) return { inserted, refused, firstCopy };
  const customers = [...new Set(unique.map((e) => e.customerId))].sort();
  const copies = new Map(groupFirstCopy);
  for (const customerId of customers) {
    if ((await attempt(client, unique.filter((e) => e.customerId === customerId), inserted)) === null) continue;
    for (let n = 0; n < requests.length; n++) {
      const events = requestEvents(requests[n].events, customerId, inserted);
      if (events.length === 0) continue;
      const shortfall = await attempt(client, events, inserted);
      if (shortfall) {
        const byCustomer = refused.get(n) ?? new Map<string, CreditRefusal>();
        byCustomer.set(customerId, { status: "refused", reason: "insufficient_credits", shortfall });
        refused.set(n, byCustomer);
      } else {
        for (const e of events) if (inserted.has(keyOf(e))) copies.set(keyOf(e), e);
      }
    }
  }
  return { inserted, refused, firstCopy: copies };
}

/** A request's events for the customer not stored yet, each key once (its first copy in the request). */
function requestEvents(events: readonly PreparedEvent[], customerId: string, inserted: Set<string>): PreparedEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = keyOf(e);
    if (e.customerId !== customerId || inserted.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * writeEvents in a savepoint: null when written, the shortfall when a prepaid balance was short (rolled back).
 * SAVEPOINT and RELEASE are queued, not awaited: pg sends the next statement the moment the previous one
 * completes, without waiting for a turn of the event loop (busy parsing requests at high rate). A failed
 * RELEASE aborts the transaction, so the caller's next statement fails and its COMMIT answers ROLLBACK
 * (commitEventGroup checks COMMIT's answer).
 */
async function attempt(client: PoolClient, events: PreparedEvent[], inserted: Set<string>, keys?: readonly string[], heldElsewhere: Promise<boolean> | null = null): Promise<CreditShortfall | null> {
  const savepoint = client.query("SAVEPOINT funded_write");
  savepoint.catch(() => {}); // awaited below; a failure also fails writeEvents' statements queued behind it
  try {
    const written = await writeEvents(client, events, keys, heldElsewhere);
    await savepoint;
    client.query("RELEASE SAVEPOINT funded_write").catch(() => {});
    for (const k of written) inserted.add(k);
    return null;
  } catch (e) {
    await client.query("ROLLBACK TO SAVEPOINT funded_write").catch(() => {});
    if (e instanceof InsufficientCreditsError) return e.shortfall;
    throw e;
  }
}
