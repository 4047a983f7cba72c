import "server-only";
import type { PoolClient } from "pg";
import { pgSql } from "@/lib/db/sql";
import { burnCreditsForUsage } from "@/lib/ledger/burn-credits-for-usage";
import { rateNewUsage } from "@/lib/period-charges/rate-new-usage";
import type { PreparedEvent } from "./prepare-events";
import { writeRollups } from "./write-rollups";

/**
 * What new events change, in the transaction that stored them: their hourly rollups, then their billing
 * periods' running charges (rating reads the subscriptions the rollup statement returned; no query when
 * no customer has one), then each customer's credits burned by the change. Throws
 * InsufficientCreditsError when a PREPAID balance cannot cover it.
 */
export async function applyNewUsage(client: PoolClient, fresh: readonly PreparedEvent[]): Promise<void> {
  const subscriptions = await writeRollups(client, fresh);
  const rated = await rateNewUsage(client, fresh, subscriptions);
  await burnCreditsForUsage(pgSql(client), fresh, rated);
}
