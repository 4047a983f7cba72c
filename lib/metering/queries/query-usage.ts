import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma, type Meter } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { usageSeries, type AggregateRow, type UsageSeries } from "./usage-series";
import type { Granularity } from "./usage-query-params";

export type UsageQuery = {
  customerId: string;
  meterKey: string;
  from: Date;
  to: Date;
  granularity: Granularity;
  groupBy: string | null;
};

export type UsageResult = UsageSeries & {
  meter: { key: string; name: string; unit: string; aggregation: Meter["aggregation"]; groupBy: string[] };
  from: string;
  to: string;
  granularity: Granularity;
  groupBy: string | null;
  /** Starts of the hours in the range with a usage spike alert of this meter (lib/limits), oldest first. */
  spikes: string[];
};

/**
 * A customer's usage of one meter over [from, to) by hour, day or month (UTC), optionally split by one
 * of the meter's dimensions, with per-group totals and the range total. Read from the hourly rollups,
 * and for UNIQUE_COUNT from the distinct-value rows, never from raw events; every figure is the meter's
 * aggregation over its own span (a day's unique count is the distinct values of that day, not a sum of
 * hours; LATEST is the value of the latest event by timestamp).
 */
export async function queryUsage(actor: Actor, q: UsageQuery): Promise<UsageResult> {
  assertCanActForCustomer(actor, q.customerId);
  const meter = await prisma.meter.findUnique({ where: { key: q.meterKey } });
  if (!meter)
    throw new AppError("NOT_FOUND", `No meter "${q.meterKey}"`, {
      problems: [{ field: "meter", rule: "known_meter", message: `No meter with key "${q.meterKey}"` }],
    });
  const dimension = q.groupBy === null ? null : meter.groupBy.indexOf(q.groupBy);
  if (dimension === -1) {
    const known = meter.groupBy.length
      ? `one of ${meter.groupBy.join(", ")}`
      : "nothing: this meter has no dimensions";
    throw new AppError("UNPROCESSABLE", "Invalid usage query", {
      problems: [{ field: "groupBy", rule: "known_dimension", message: `groupBy must be ${known}` }],
    });
  }
  const [rows, spikes] = await Promise.all([
    aggregateRows(meter, q, dimension),
    prisma.limitAlert.findMany({
      where: {
        customerId: q.customerId,
        limitId: meter.id,
        kind: "spike",
        periodStart: { gte: q.from, lt: q.to },
      },
      select: { periodStart: true },
      orderBy: { periodStart: "asc" },
    }),
  ]);
  return {
    meter: {
      key: meter.key,
      name: meter.name,
      unit: meter.unit,
      aggregation: meter.aggregation,
      groupBy: meter.groupBy,
    },
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    granularity: q.granularity,
    groupBy: q.groupBy,
    spikes: spikes.map((s) => s.periodStart.toISOString()),
    ...usageSeries(rows, {
      from: q.from,
      to: q.to,
      granularity: q.granularity,
      aggregation: meter.aggregation,
      grouped: dimension !== null,
    }),
  };
}

function aggregateRows(meter: Meter, q: UsageQuery, dimension: number | null): Promise<AggregateRow[]> {
  const period = Prisma.sql`date_trunc(${q.granularity}, bucket, 'UTC')`;
  const grp =
    dimension === null
      ? Prisma.sql`NULL::text`
      : Prisma.sql`CASE WHEN dimensions = '' THEN NULL ELSE (dimensions::jsonb ->> ${dimension}::int) END`;
  // All four sets even without a dimension (GROUPING needs grp grouped); usageSeries ignores per-group rows then.
  const sets = Prisma.sql`(period, grp), (period), (grp), ()`;
  const where = Prisma.sql`customer_id = ${q.customerId}::uuid AND meter_id = ${meter.id}::uuid AND bucket >= ${q.from} AND bucket < ${q.to}`;
  if (meter.aggregation === "UNIQUE_COUNT") {
    return prisma.$queryRaw<AggregateRow[]>`
      SELECT period, grp, GROUPING(period, grp)::int AS level, COUNT(DISTINCT value)::text AS value
      FROM (SELECT ${period} AS period, ${grp} AS grp, value FROM usage_unique_values WHERE ${where}) u
      GROUP BY GROUPING SETS (${sets})`;
  }
  const value = {
    SUM: Prisma.sql`SUM(sum)::text`,
    COUNT: Prisma.sql`SUM(count)::text`,
    MAX: Prisma.sql`MAX(max)::text`,
    LATEST: Prisma.sql`((array_agg(latest_value ORDER BY latest_at DESC, latest_value DESC) FILTER (WHERE latest_at IS NOT NULL))[1])::text`,
  }[meter.aggregation];
  return prisma.$queryRaw<AggregateRow[]>`
    SELECT period, grp, GROUPING(period, grp)::int AS level, ${value} AS value
    FROM (SELECT ${period} AS period, ${grp} AS grp, sum, count, max, latest_value, latest_at FROM usage_rollups WHERE ${where}) r
    GROUP BY GROUPING SETS (${sets})`;
}
