import "server-only";
import type { PoolClient } from "pg";
import type { RatedChange } from "@/lib/ledger/usage-charges";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";
import { applyPeriodUsage } from "./apply-period-usage";
import { foldPeriodUsage } from "./fold-period-usage";
import type { SubscriptionInForce } from "./subscriptions-in-force";
import { loadVersionPrices } from "./version-prices";

/** The customers and time span whose subscriptions rating these events needs; null when none is metered. */
export type RatingWindow = { customerIds: string[]; from: Date; to: Date };

export function ratingWindow(events: readonly PreparedEvent[]): RatingWindow | null {
  // Epoch numbers, not Dates: comparing Dates converts each to a primitive first (this runs for every event).
  let from = Infinity;
  let to = -Infinity;
  const customers = new Set<string>();
  for (const e of events) {
    if (e.contributions.length === 0) continue;
    const t = e.timestamp.getTime();
    if (t < from) from = t;
    if (t > to) to = t;
    customers.add(e.customerId);
  }
  return customers.size > 0 ? { customerIds: [...customers], from: new Date(from), to: new Date(to) } : null;
}

/**
 * Rates newly stored events in the ingest transaction (`client` is inside it): each event against the
 * subscription in force at its timestamp, adding to its billing period's running charge per priced
 * meter (period_meter_charges). `subs`: the subscriptions of ratingWindow(events), by customer, which
 * the transaction read after locking the customers (lib/metering/ingest/write-rollups.ts); no query at all
 * when none of the customers has one. Returns how each running charge moved (what the credit ledger burns).
 */
export async function rateNewUsage(client: PoolClient, events: readonly PreparedEvent[], subs: ReadonlyMap<string, SubscriptionInForce[]>): Promise<RatedChange[]> {
  if (subs.size === 0) return [];
  const metered = events.filter((e) => e.contributions.length > 0);
  if (metered.length === 0) return [];
  const versionIds = [...subs.values()].flatMap((list) => list.map((s) => s.planVersionId));
  const prices = await loadVersionPrices(client, versionIds);
  const usages = foldPeriodUsage(metered, subs, prices);
  return usages.length > 0 ? applyPeriodUsage(client, usages) : [];
}
