import "server-only";
import type { PoolClient } from "pg";
import { pgSql } from "@/lib/db/sql";
import { burnCreditsForUsage } from "@/lib/ledger/burn-credits-for-usage";
import { applySpendingLimits } from "@/lib/limits/apply-spending-limits";
import { rateNewUsage } from "@/lib/period-charges/rate-new-usage";
import type { SubscriptionInForce } from "@/lib/period-charges/subscriptions-in-force";
import type { PreparedEvent } from "./prepare-events";
import { writeRollups } from "./write-rollups";

/**
 * What new events change, in the transaction that stored them: their hourly rollups, then their billing
 * periods' running charges (rating reads the subscriptions the rollup statement returned; no query when
 * no customer has one), then each customer's credits burned by the change, then its spending limits
 * (lib/limits). Throws InsufficientCreditsError when a PREPAID balance cannot cover it, and
 * SpendingLimitReached when it would take usage past a hard cap.
 */
export async function applyNewUsage(client: PoolClient, fresh: readonly PreparedEvent[]): Promise<void> {
  const subscriptions = await writeRollups(client, fresh);
  const rated = await rateNewUsage(client, fresh, subscriptions);
  const sql = pgSql(client);
  const charges = await burnCreditsForUsage(sql, fresh, rated);
  await applySpendingLimits(sql, limitedCustomers(subscriptions), rated, charges, fresh);
}

/** The customers whose subscriptions the rollup statement read with limits (none: the limits cost nothing). */
function limitedCustomers(subscriptions: ReadonlyMap<string, SubscriptionInForce[]>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const [customerId, subs] of subscriptions) if (subs.some((s) => s.limited)) out.add(customerId);
  return out;
}
