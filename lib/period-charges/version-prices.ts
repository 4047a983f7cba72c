import "server-only";
import type { PoolClient } from "pg";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";
import { processCache } from "@/lib/cache/process-cache";
import { preparedStatement } from "@/lib/db/prepared-statement";

/** A version's prices by meter id. */
export type VersionPrices = Map<string, PriceModel>;

const SELECT_PRICES = preparedStatement("meterly_version_prices", `
SELECT v.id::text AS version_id, v.status::text AS status, p.meter_id::text AS meter_id, p.price_model
FROM plan_versions v LEFT JOIN plan_prices p ON p.plan_version_id = v.id
WHERE v.id = ANY($1::uuid[])`);

type Row = { version_id: string; status: string; meter_id: string | null; price_model: unknown };

/** Published versions never change, so their prices are read once per process and kept. */
const pricesCache = () => processCache<VersionPrices>("published-version-prices", { maxEntries: 10_000 });

/** The prices of these versions: from the cache for published ones, else in one query on `client`. */
export async function loadVersionPrices(client: PoolClient, versionIds: Iterable<string>): Promise<Map<string, VersionPrices>> {
  const cached = pricesCache();
  const out = new Map<string, VersionPrices>();
  const missing: string[] = [];
  for (const id of new Set(versionIds)) {
    const hit = cached.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const res = await client.query<Row>(SELECT_PRICES([missing]));
  const published = new Set<string>();
  for (const r of res.rows) {
    let prices = out.get(r.version_id);
    if (!prices) out.set(r.version_id, (prices = new Map()));
    if (r.status === "PUBLISHED") published.add(r.version_id);
    if (r.meter_id) prices.set(r.meter_id, Object.freeze(priceModelSchema.parse(r.price_model)) as PriceModel);
  }
  for (const id of published) cached.set(id, out.get(id)!);
  return out;
}
