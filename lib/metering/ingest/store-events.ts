import "server-only";
import type { PoolClient } from "pg";
import { applyNewUsage } from "./apply-new-usage";
import { eventKey } from "./event-key";
import { awaitHolders } from "./in-flight-keys";
import { insertEvents } from "./insert-events";
import type { PreparedEvent } from "./prepare-events";

export type StoreEventsOptions = {
  events: readonly PreparedEvent[];
  /** The events' eventKeys in the same order, when the caller made them already. */
  keys?: readonly string[];
  /**
   * The outcome of the older groups in flight that write this group's other events (in-flight-keys.ts):
   * awaited after the insert and before any rollup row is locked (those groups may still need them).
   */
  waitFor?: Promise<boolean> | null;
};

/**
 * Stores events inside the open transaction on `client`: inserts them (locking their customers), then
 * applies the new ones' usage (rollups, rating, credit burn). Returns the keys of the events that were
 * new; the others were stored before (duplicates). Throws InsufficientCreditsError when a PREPAID
 * balance cannot cover the usage (the caller refuses those events).
 */
export async function storeEvents(client: PoolClient, { events, keys, waitFor = null }: StoreEventsOptions): Promise<Set<string>> {
  if (events.length === 0) {
    await awaitHolders(waitFor);
    return new Set();
  }
  const sorted = sortedByKey(events, keys);
  const { inserted, fresh } = await insertEvents(client, sorted.events, sorted.keys);
  await awaitHolders(waitFor);
  await applyNewUsage(client, fresh);
  return inserted;
}

/** The events in key order (the lock order) with their keys; a group's events usually come sorted already. */
function sortedByKey(events: readonly PreparedEvent[], given?: readonly string[]): { events: readonly PreparedEvent[]; keys: readonly string[] } {
  const keys = given ?? events.map((e) => eventKey(e.customerId, e.id));
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1] <= keys[i];
  if (inOrder) return { events, keys };
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  return { events: order.map((i) => events[i]), keys: order.map((i) => keys[i]) };
}
