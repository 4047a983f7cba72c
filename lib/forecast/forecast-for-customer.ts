import "server-only";
import { env } from "@/lib/env";
import type Decimal from "decimal.js";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";
import { spendPath } from "./spend-path";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { loadPeriodInputs, type VersionCache } from "@/lib/billing/load-period-inputs";
import { pool, prisma } from "@/lib/db/client";
import { pgSql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors/app-error";
import type { ComposedInvoice } from "@/lib/billing/invoice-types";
import { periodInForce } from "@/lib/subscriptions/period-in-force";
import { findRecentSpikes } from "./find-recent-spikes";
import { forecastDto, type ForecastDto } from "./forecast-dto";
import { forecastPeriod } from "./forecast-period";
import { loadUsageHistory } from "./load-usage-history";
import { toDailyHistories } from "./to-daily-histories";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Days of hourly rollups read: 3 weeks for weekday factors and 2 weeks of baseline for spikes, and spare. */
const HISTORY_DAYS = 28;
/** Spikes reported: the hours of the last 7 days. */
const SPIKE_HOURS = 7 * 24;
/**
 * Plan versions with their prices, by id, kept across forecasts: a version is immutable once published, and
 * subscriptions only use published ones. Bounded: emptied when it grows past the cap.
 */
const versions: VersionCache = new Map();
const VERSIONS_CACHED = 1000;

/**
 * The current period's forecast for a customer at `now`: the upcoming invoice so far, the whole period's
 * projected total with its band, each priced meter's projected units and amount, and the usage spikes of
 * the last 7 days (see forecastPeriod and detectSpikes). Reads rollups, never raw events. Null when the
 * customer has no subscription in force. Members see only their own customer (others: 404); a key limited
 * to another customer gets 403.
 */
export async function forecastForCustomer(
  actor: Actor,
  customerId: string,
  now = new Date(),
  spikeOptions: { k?: number; minCostMinor?: bigint } = {},
): Promise<ForecastDto | null> {
  assertCanActForCustomer(actor, customerId);
  return loadCustomerForecast(customerId, now, spikeOptions);
}

/** forecastForCustomer without the actor: for background work (the forecast and spike alerts of lib/limits). */
export async function loadCustomerForecast(
  customerId: string,
  now = new Date(),
  spikeOptions: { k?: number; minCostMinor?: bigint } = {},
): Promise<ForecastDto | null> {
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    select: { currency: true },
  });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const inForce = await periodInForce(customerId, now);
  if (!inForce) return null;
  return (await forecastInPeriod(customerId, customer.currency, inForce.period, now, spikeOptions)).forecast;
}

/**
 * The forecast of a customer's billing period in force at `now` (`period`, as periodInForce gives it), in
 * `currency` (the customer's), with the upcoming invoice it starts from (`soFar`: what
 * previewUpcomingInvoice composes from the same inputs), for a caller that knows the period already (the
 * dashboard). Plain SQL, no ORM query: the dashboard runs it on every poll.
 */
export async function forecastInPeriod(
  customerId: string,
  currency: string,
  period: { start: Date; end: Date },
  now: Date,
  spikeOptions: { k?: number; minCostMinor?: bigint } = {},
): Promise<{ forecast: ForecastDto; soFar: ComposedInvoice }> {
  const sql = pgSql(pool());
  if (versions.size > VERSIONS_CACHED) versions.clear();
  const [inputs] = await loadPeriodInputs(sql, [{ customerId, currency, period }], versions);
  const last = [...inputs.subscriptions].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime()).at(-1);
  const prices = last?.version.prices ?? [];
  const meters = await sql.query<{
    id: string;
    aggregation: "SUM" | "COUNT" | "MAX" | "UNIQUE_COUNT" | "LATEST";
  }>(`SELECT id::text, aggregation::text FROM meters WHERE id = ANY($1::uuid[])`, [
    prices.map((p) => p.meterId),
  ]);
  const additive = meters.flatMap((m) =>
    m.aggregation === "SUM" || m.aggregation === "COUNT" ? [{ id: m.id, aggregation: m.aggregation }] : [],
  );
  const today = new Date(Math.floor(now.getTime() / DAY) * DAY);
  const since = new Date(today.getTime() - HISTORY_DAYS * DAY);
  const rows = await loadUsageHistory(customerId, additive, since, now);
  const histories = toDailyHistories(
    rows,
    additive.map((m) => m.id),
    today,
  );
  const forecast = forecastPeriod(inputs, histories, now);
  const ids = new Set(additive.map((m) => m.id));
  const spikes = findRecentSpikes(
    rows,
    prices
      .filter((p) => ids.has(p.meterId))
      .map((p) => ({
        ...p,
        usedSoFar: last?.charges.find((c) => c.meterId === p.meterId)?.quantity.toString() ?? "0",
      })),
    [...histories.values()][0]?.firstDay ?? today,
    now,
    SPIKE_HOURS,
    {
      currency: inputs.currency,
      k: env().SPIKE_K,
      minCostMinor: BigInt(env().SPIKE_MIN_COST_MINOR),
      ...spikeOptions,
    },
  );
  const periodRows =
    period.start >= since
      ? rows.filter((r) => r.bucket >= period.start)
      : await loadUsageHistory(customerId, additive, period.start, now);
  const path = spendPath({
    periodStart: period.start,
    periodEnd: forecast.horizon > period.end ? forecast.horizon : period.end,
    now,
    currency: inputs.currency,
    meters: prices
      .filter((p) => ids.has(p.meterId))
      .map((p) => ({ meterId: p.meterId, priceModel: priceModelSchema.parse(p.priceModel) as PriceModel })),
    unitsByDay: unitsByDay(periodRows, period.start),
    histories,
  });
  return {
    forecast: {
      ...forecastDto(
        forecast,
        prices.map((p) => ({ id: p.meterId, ...p.meter })),
        spikes,
        now,
      ),
      spendPath: path,
    },
    soFar: forecast.soFar,
  };
}

/** Hourly rows as units per meter and UTC day since `start`'s day (index 0). */
function unitsByDay(
  rows: readonly { meterId: string; bucket: Date; value: string }[],
  start: Date,
): Map<string, Decimal[]> {
  const first = Math.floor(start.getTime() / DAY) * DAY;
  const out = new Map<string, Decimal[]>();
  for (const r of rows) {
    const i = Math.floor((r.bucket.getTime() - first) / DAY);
    const days = out.get(r.meterId) ?? [];
    days[i] = (days[i] ?? new MoneyDecimal(0)).plus(r.value);
    out.set(r.meterId, days);
  }
  return out;
}
