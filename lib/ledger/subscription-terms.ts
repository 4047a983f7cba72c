import "server-only";
import { processCache } from "@/lib/cache/process-cache";
import { parseCurrency } from "@/lib/money/currencies";
import type { Sql } from "@/lib/db/sql";
import type { SubscriptionTerms } from "./usage-charges";

const termsCache = () => processCache<SubscriptionTerms>("subscription-terms", { maxEntries: 50_000 });

/**
 * Each subscription's currency and whether its version is PREPAID. A subscription never changes version (a
 * plan change makes a new subscription) and published versions never change, so these are cached per process.
 */
export async function loadSubscriptionTerms(sql: Sql, subscriptionIds: Iterable<string>): Promise<Map<string, SubscriptionTerms>> {
  const cache = termsCache();
  const out = new Map<string, SubscriptionTerms>();
  const missing: string[] = [];
  for (const id of new Set(subscriptionIds)) {
    const hit = cache.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const rows = await sql.query<{ id: string; currency: string; terms: string }>(
    `SELECT s.id::text, v.currency, v.payment_terms::text AS terms FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id WHERE s.id = ANY($1::uuid[])`,
    [missing],
  );
  for (const r of rows) {
    const terms = { currency: parseCurrency(r.currency), prepaid: r.terms === "PREPAID" };
    cache.set(r.id, terms);
    out.set(r.id, terms);
  }
  return out;
}
