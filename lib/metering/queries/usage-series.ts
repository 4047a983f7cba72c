import Decimal from "decimal.js";
import type { Aggregation } from "@/lib/db/generated/enums";
import { periodsBetween } from "./usage-periods";
import type { Granularity } from "./usage-query-params";

/**
 * One row of a GROUPING SETS query: `level` is GROUPING(period, grp): 0 = one period and group,
 * 1 = one period (all groups), 2 = one group (all periods), 3 = the whole range.
 */
export type AggregateRow = { period: Date | null; grp: string | null; level: number; value: string | null };

export type UsageSeries = {
  buckets: { start: string; end: string; total: string | null; groups: { group: string | null; value: string | null }[] }[];
  groups: { group: string | null; total: string | null }[];
  total: string | null;
};

/** What a range with no usage reads as: nothing counted is 0, nothing to take the max or latest of is null. */
export function emptyValue(aggregation: Aggregation): string | null {
  return aggregation === "MAX" || aggregation === "LATEST" ? null : "0";
}

const normalize = (v: string | null) => (v === null ? null : new Decimal(v).toFixed());

/** Arranges aggregate rows into every period of the range (empty ones included), per-group totals and the total. */
export function usageSeries(rows: AggregateRow[], q: { from: Date; to: Date; granularity: Granularity; aggregation: Aggregation; grouped: boolean }): UsageSeries {
  const empty = emptyValue(q.aggregation);
  const cells = new Map<number, { group: string | null; value: string | null }[]>();
  const periodTotals = new Map<number, string | null>();
  const groups: { group: string | null; total: string | null }[] = [];
  let total: string | null = empty;
  for (const r of rows) {
    const value = normalize(r.value);
    if (r.level === 0 && q.grouped && r.period) {
      const list = cells.get(r.period.getTime()) ?? [];
      list.push({ group: r.grp, value });
      cells.set(r.period.getTime(), list);
    } else if (r.level === 1 && r.period) {
      periodTotals.set(r.period.getTime(), value ?? empty);
    } else if (r.level === 2 && q.grouped) {
      groups.push({ group: r.grp, total: value ?? empty });
    } else if (r.level === 3) {
      total = value ?? empty;
    }
  }
  const buckets = periodsBetween(q.from, q.to, q.granularity).map(({ period, start, end }) => ({
    start: start.toISOString(),
    end: end.toISOString(),
    total: periodTotals.get(period.getTime()) ?? empty,
    groups: (cells.get(period.getTime()) ?? []).sort(byGroup),
  }));
  groups.sort((a, b) => compareDesc(a.total, b.total) || byGroup(a, b));
  return { buckets, groups, total };
}

function byGroup(a: { group: string | null }, b: { group: string | null }): number {
  if (a.group === b.group) return 0;
  if (a.group === null) return 1;
  if (b.group === null) return -1;
  return a.group < b.group ? -1 : 1;
}

function compareDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return new Decimal(b).comparedTo(a);
}
