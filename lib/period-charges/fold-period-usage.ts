import type Decimal from "decimal.js";
import type { Aggregation } from "@/lib/db/generated/enums";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";
import type { PriceModel } from "@/lib/rating/price-model";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { subscriptionAt, type SubscriptionInForce } from "./subscriptions-in-force";
import type { VersionPrices } from "./version-prices";

/** What new events add to one priced meter in one subscription's billing period. */
export type PeriodUsage = {
  key: string;
  customerId: string;
  subscriptionId: string;
  periodStart: Date;
  periodEnd: Date;
  meterId: string;
  aggregation: Aggregation;
  model: PriceModel;
  sum: Decimal;
  count: number;
  max: Decimal | null;
  latest: { value: Decimal; at: Date } | null;
  /** UNIQUE_COUNT: the distinct identities seen, sorted. */
  identities: string[];
};

/**
 * Folds new events into one PeriodUsage per (customer, subscription, period start, meter), sorted by
 * that key (the order rows are locked in). An event counts under the subscription in force at its
 * timestamp, in the billing period holding that timestamp; it is skipped when no subscription is in
 * force, during the subscription's trial (trial usage is free), and for meters its version does not price.
 */
export function foldPeriodUsage(events: readonly PreparedEvent[], subs: ReadonlyMap<string, SubscriptionInForce[]>, prices: Map<string, VersionPrices>): PeriodUsage[] {
  const byKey = new Map<string, PeriodUsage & { idSet: Set<string> }>();
  for (const e of events) {
    const sub = subscriptionAt(subs.get(e.customerId), e.timestamp);
    if (!sub || (sub.trialEndsAt && e.timestamp < sub.trialEndsAt)) continue;
    const versionPrices = prices.get(sub.planVersionId);
    if (!versionPrices || versionPrices.size === 0) continue;
    let period: { start: Date; end: Date } | undefined;
    for (const c of e.contributions) {
      const model = versionPrices.get(c.meter.id);
      if (!model) continue;
      period ??= billingPeriodAt(sub.anchorAt, sub.interval, e.timestamp);
      const key = `${e.customerId}|${sub.id}|${period.start.toISOString()}|${c.meter.id}`;
      let u = byKey.get(key);
      if (!u) {
        u = { key, customerId: e.customerId, subscriptionId: sub.id, periodStart: period.start, periodEnd: period.end, meterId: c.meter.id, aggregation: c.meter.aggregation, model, sum: ZERO, count: 0, max: null, latest: null, identities: [], idSet: new Set() };
        byKey.set(key, u);
      }
      u.count += 1;
      if (c.identity !== undefined) u.idSet.add(c.identity);
      if (c.value !== null) {
        const v = new MoneyDecimal(c.value);
        u.sum = u.sum.plus(v);
        if (u.max === null || v.gt(u.max)) u.max = v;
        if (u.latest === null || e.timestamp >= u.latest.at) u.latest = { value: v, at: e.timestamp };
      }
    }
  }
  return [...byKey.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ idSet, ...u }) => ({ ...u, identities: [...idSet].sort() }));
}
