import "server-only";
import type { Sql } from "@/lib/db/sql";
import { parseCurrency } from "@/lib/money/currencies";
import { billingPeriodAt, type BillingInterval } from "@/lib/subscriptions/billing-period";
import type { SubscriptionRow } from "@/lib/period-charges/subscriptions-in-force";
import { groupBy } from "./group-by";
import type { PeriodInputs, PeriodSubscription } from "./invoice-types";

export type PeriodRequest = { customerId: string; currency: string; period: { start: Date; end: Date } };

type Version = PeriodSubscription["version"] & { currency: string };

/** Published versions never change, so a run may keep the ones it loaded (by id). */
export type VersionCache = Map<string, Version>;

const SUBSCRIPTIONS = `
SELECT s.id::text, s.customer_id::text, s.plan_version_id::text, s.anchor_at, s.started_at, s.ends_at, s.trial_ends_at, v.interval::text AS interval
FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id
JOIN unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS r(customer_id, period_start, period_end) ON r.customer_id = s.customer_id
WHERE s.started_at < r.period_end AND (s.ends_at IS NULL OR s.ends_at > r.period_start)
ORDER BY s.customer_id, s.started_at, s.id`;

const CHARGES = `
SELECT c.customer_id::text, c.subscription_id::text, c.period_start, c.meter_id::text, c.quantity::text, c.amount::text
FROM period_meter_charges c JOIN unnest($1::uuid[], $2::timestamptz[]) AS r(customer_id, period_start)
  ON c.customer_id = r.customer_id AND c.period_start = r.period_start`;

const CREDITED = `
SELECT u.customer_id::text, u.subscription_id::text, u.period_start, u.credited_minor::text
FROM usage_credit_periods u JOIN unnest($1::uuid[], $2::timestamptz[]) AS r(customer_id, period_start)
  ON u.customer_id = r.customer_id AND u.period_start = r.period_start`;

const GRANT_SHARES = `
SELECT s.customer_id::text, s.subscription_id::text, s.period_start, s.grant_id::text, s.amount_minor::text, g.kind::text, g.description
FROM usage_credit_period_grants s JOIN unnest($1::uuid[], $2::timestamptz[]) AS r(customer_id, period_start)
  ON s.customer_id = r.customer_id AND s.period_start = r.period_start
JOIN credit_grants g ON g.customer_id = s.customer_id AND g.id = s.grant_id
WHERE s.amount_minor > 0
ORDER BY g.created_at, g.id`;

const VERSIONS = `
SELECT v.id::text, p.name AS plan_name, v.number, v.interval::text AS interval, v.currency, v.base_fee_minor::text, v.minimum_spend_minor::text,
  COALESCE(json_agg(json_build_object('meterId', pp.meter_id, 'priceModel', pp.price_model, 'meter', json_build_object('key', m.key, 'name', m.name, 'unit', m.unit)))
    FILTER (WHERE pp.meter_id IS NOT NULL), '[]') AS prices
FROM plan_versions v JOIN plans p ON p.id = v.plan_id
LEFT JOIN plan_prices pp ON pp.plan_version_id = v.id LEFT JOIN meters m ON m.id = pp.meter_id
WHERE v.id = ANY($1::uuid[])
GROUP BY v.id, p.name`;

type SubRow = SubscriptionRow;
type VersionRow = {
  id: string;
  plan_name: string;
  number: number;
  interval: BillingInterval;
  currency: string;
  base_fee_minor: string;
  minimum_spend_minor: string;
  prices: PeriodSubscription["version"]["prices"] | string;
};

/**
 * What composeInvoice needs for each customer's period [start, end), in a fixed number of queries whatever
 * the number of periods: the subscriptions in force during it whose own billing period it is (an upgrade
 * keeps the anchor, so both sides of it share the period), with their versions' prices (from `versions`
 * when loaded before), their running charges of the period and what credits (which grants) paid of them.
 */
export async function loadPeriodInputs(
  sql: Sql,
  requests: PeriodRequest[],
  versions: VersionCache = new Map(),
): Promise<PeriodInputs[]> {
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.customerId);
  const starts = requests.map((r) => r.period.start.toISOString());
  const subs = await sql.query<SubRow>(SUBSCRIPTIONS, [
    ids,
    starts,
    requests.map((r) => r.period.end.toISOString()),
  ]);
  const [charges, credited, shares] = await Promise.all([
    sql.query<{
      customer_id: string;
      subscription_id: string;
      period_start: Date;
      meter_id: string;
      quantity: string;
      amount: string;
    }>(CHARGES, [ids, starts]),
    sql.query<{ customer_id: string; subscription_id: string; period_start: Date; credited_minor: string }>(
      CREDITED,
      [ids, starts],
    ),
    sql.query<{
      customer_id: string;
      subscription_id: string;
      period_start: Date;
      grant_id: string;
      amount_minor: string;
      kind: string;
      description: string;
    }>(GRANT_SHARES, [ids, starts]),
  ]);
  const missing = [...new Set(subs.map((s) => s.plan_version_id))].filter((id) => !versions.has(id));
  if (missing.length) {
    for (const v of await sql.query<VersionRow>(VERSIONS, [missing])) {
      versions.set(v.id, {
        planName: v.plan_name,
        number: v.number,
        interval: v.interval,
        currency: v.currency,
        baseFeeMinor: BigInt(v.base_fee_minor),
        minimumSpendMinor: BigInt(v.minimum_spend_minor),
        prices: typeof v.prices === "string" ? JSON.parse(v.prices) : v.prices,
      });
    }
  }
  const chargesBy = groupBy(charges, (c) => `${c.subscription_id}|${new Date(c.period_start).getTime()}`);
  const creditedBy = new Map(
    credited.map((c) => [
      `${c.subscription_id}|${new Date(c.period_start).getTime()}`,
      BigInt(c.credited_minor),
    ]),
  );
  const sharesBy = groupBy(shares, (g) => `${g.subscription_id}|${new Date(g.period_start).getTime()}`);
  // A subscription in force during several of the requested periods comes once per period: keep it once.
  const subsBy = groupBy([...new Map(subs.map((s) => [s.id, s])).values()], (s) => s.customer_id);
  return requests.map((r) => {
    const own = (subsBy.get(r.customerId) ?? []).filter((s) => {
      if (!(s.started_at < r.period.end && (s.ends_at === null || s.ends_at > r.period.start))) return false;
      const p = billingPeriodAt(
        s.anchor_at,
        s.interval,
        s.started_at > r.period.start ? s.started_at : r.period.start,
      );
      return p.start.getTime() === r.period.start.getTime() && p.end.getTime() === r.period.end.getTime();
    });
    const first = own[0] ? versions.get(own[0].plan_version_id) : undefined;
    return {
      currency: parseCurrency(first?.currency ?? r.currency),
      periodStart: r.period.start,
      periodEnd: r.period.end,
      subscriptions: own.map((s) => {
        const { currency: _c, ...version } = versions.get(s.plan_version_id)!;
        const k = `${s.id}|${r.period.start.getTime()}`;
        return {
          id: s.id,
          startedAt: s.started_at,
          endsAt: s.ends_at,
          trialEndsAt: s.trial_ends_at,
          version,
          charges: (chargesBy.get(k) ?? []).map((c) => ({
            meterId: c.meter_id,
            quantity: c.quantity,
            amount: c.amount,
          })),
          creditedMinor: creditedBy.get(k) ?? 0n,
          creditGrants: (sharesBy.get(k) ?? []).map((g) => ({
            grantId: g.grant_id,
            kind: g.kind,
            description: g.description,
            amountMinor: BigInt(g.amount_minor),
          })),
        };
      }),
    };
  });
}
