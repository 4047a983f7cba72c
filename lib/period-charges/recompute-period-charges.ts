import "server-only";
import type { Meter, Prisma } from "@/lib/db/generated/client";
import type { MeterDefinition } from "@/lib/metering/meters/meter-definition";
import { contributionFor } from "@/lib/metering/meters/meter-contribution";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";
import { timestampInRange } from "@/lib/metering/meters/event-hour";
import { ZERO } from "@/lib/money/decimal";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { settleRatedUsage } from "@/lib/ledger/settle-rated-usage";
import type { CorrectionNote } from "@/lib/ledger/burn-usage";
import { prismaSql } from "@/lib/db/sql";
import { foldPeriodUsage } from "./fold-period-usage";
import { nextChargeState } from "./next-charge-state";
import { subscriptionAt, type SubscriptionInForce } from "./subscriptions-in-force";

type Tx = Prisma.TransactionClient;
type EventRow = { idempotency_key: string; timestamp: Date; received_at: Date; properties: Record<string, unknown> | null };

/**
 * Re-rates, from the events that remain (not voided), the running charges of the customer's billing
 * periods holding any of `timestamps`, for the priced meters of `eventType`: the one-shot computation
 * that rating at ingest keeps incrementally. For corrections: call it in the void transaction after the
 * events are marked, holding the customer's lock (as recomputeBuckets is). Returns the periods redone.
 * `note` explains, in the credit ledger entries the correction makes, what was corrected.
 */
export async function recomputePeriodCharges(tx: Tx, customerId: string, eventType: string, timestamps: Date[], note?: CorrectionNote): Promise<number> {
  const meters = await tx.meter.findMany({ where: { eventType } });
  if (meters.length === 0 || timestamps.length === 0) return 0;
  const rows = await tx.subscription.findMany({ where: { customerId }, include: { planVersion: { include: { prices: { where: { meterId: { in: meters.map((m) => m.id) } } } } } } });
  const subs: SubscriptionInForce[] = rows.map((s) => ({ ...s, interval: s.planVersion.interval }));
  const periods = new Map<string, { sub: SubscriptionInForce; start: Date; end: Date }>();
  for (const t of timestamps) {
    const sub = subscriptionAt(subs, t);
    if (!sub || (sub.trialEndsAt && t < sub.trialEndsAt)) continue;
    const p = billingPeriodAt(sub.anchorAt, sub.interval, t);
    periods.set(`${sub.id}|${p.start.toISOString()}`, { sub, ...p });
  }
  for (const { sub, start, end } of periods.values()) {
    const prices = new Map(rows.find((r) => r.id === sub.id)!.planVersion.prices.map((p) => [p.meterId, priceModelSchema.parse(p.priceModel) as PriceModel]));
    if (prices.size === 0) continue;
    const from = new Date(Math.max(start.getTime(), sub.startedAt.getTime(), sub.trialEndsAt?.getTime() ?? 0));
    const to = new Date(Math.min(end.getTime(), sub.endsAt?.getTime() ?? Infinity));
    const events = await tx.$queryRaw<EventRow[]>`
      SELECT idempotency_key, "timestamp", received_at, properties FROM usage_events
      WHERE customer_id = ${customerId}::uuid AND event_type = ${eventType} AND ${timestampInRange(from, to)} AND voided_at IS NULL
      ORDER BY "timestamp", received_at, idempotency_key`;
    const prepared = events.map((e) => asPrepared(e, customerId, eventType, meters));
    const usages = new Map(foldPeriodUsage(prepared, new Map([[customerId, [sub]]]), new Map([[sub.planVersionId, prices]])).map((u) => [u.meterId, u]));
    for (const meter of meters) {
      const model = prices.get(meter.id);
      if (!model) continue;
      const u = usages.get(meter.id);
      const fresh = { quantity: ZERO, amount: ZERO, latestAt: null };
      const next = u ? nextChargeState(model, meter.aggregation, fresh, { ...u, newIdentities: u.identities.length }) : fresh;
      const key = { customerId, subscriptionId: sub.id, periodStart: start, meterId: meter.id };
      await tx.periodUniqueValue.deleteMany({ where: key });
      if (u && u.identities.length > 0) await tx.periodUniqueValue.createMany({ data: u.identities.map((value) => ({ ...key, value })) });
      const state = { quantity: next.quantity.toFixed(), amount: next.amount.toFixed(), latestAt: next.latestAt, updatedAt: new Date() };
      await tx.periodMeterCharge.upsert({ where: { customerId_subscriptionId_periodStart_meterId: key }, create: { ...key, periodEnd: end, ...state }, update: state });
    }
  }
  // The credit ledger follows the corrected charges: credits paid for voided usage come back (lib/ledger).
  await settleRatedUsage(prismaSql(tx), customerId, new Date(), note);
  return periods.size;
}

/** An event as ingestion counted it: for each meter of its type that was active when it was received. */
function asPrepared(e: EventRow, customerId: string, type: string, meters: Meter[]): PreparedEvent {
  const properties = e.properties ?? {};
  const contributions = meters.flatMap((m) => {
    if (e.received_at < m.createdAt || (m.archivedAt && e.received_at >= m.archivedAt)) return [];
    const result = contributionFor(definition(m), properties);
    return result.ok && result.contribution ? [result.contribution] : [];
  });
  return { index: 0, id: e.idempotency_key, customerId, externalCustomerId: "", type, timestamp: e.timestamp, properties, contributions };
}

function definition(m: Meter): MeterDefinition {
  return { id: m.id, key: m.key, eventType: m.eventType, aggregation: m.aggregation, valueProperty: m.valueProperty, groupBy: m.groupBy, filters: (m.filters ?? {}) as Record<string, unknown>, allowNegative: m.allowNegative };
}
