import "server-only";
import type { PoolClient } from "pg";
import type { RatedChange } from "@/lib/ledger/usage-charges";
import type { PreparedEvent } from "@/lib/metering/prepare-events";
import { applyPeriodUsage } from "./apply-period-usage";
import { foldPeriodUsage } from "./fold-period-usage";
import { loadSubscriptionsInForce } from "./subscriptions-in-force";
import { loadVersionPrices } from "./version-prices";

/**
 * Rates newly stored events in the ingest transaction (`client` is inside it): each event against the
 * subscription in force at its timestamp, adding to its billing period's running charge per priced
 * meter (period_meter_charges). One indexed query when none of the customers has a subscription.
 * Returns how each running charge moved (what the credit ledger burns).
 */
export async function rateNewUsage(client: PoolClient, events: readonly PreparedEvent[]): Promise<RatedChange[]> {
  const metered = events.filter((e) => e.contributions.length > 0);
  if (metered.length === 0) return [];
  let from = metered[0].timestamp;
  let to = from;
  for (const e of metered) {
    if (e.timestamp < from) from = e.timestamp;
    if (e.timestamp > to) to = e.timestamp;
  }
  const customerIds = [...new Set(metered.map((e) => e.customerId))];
  const subs = await loadSubscriptionsInForce(client, customerIds, from, to);
  if (subs.size === 0) return [];
  const versionIds = [...subs.values()].flatMap((list) => list.map((s) => s.planVersionId));
  const prices = await loadVersionPrices(client, versionIds);
  const usages = foldPeriodUsage(metered, subs, prices);
  return usages.length > 0 ? applyPeriodUsage(client, usages) : [];
}
