import type { UsageResult } from "@/lib/metering/queries/query-usage";
import type { ChartPoint } from "@/components/charts/usage-chart";
import { formatClock, formatDayClock, formatDayMonth, formatMonth } from "@/lib/dates/format-date";

export const MAX_SERIES = 10;
export const NO_GROUP = "(none)";


/** Chart points and series from a usage answer: one series per top group (or the total), bucket labels in UTC. */
export function chartData(u: UsageResult): {
  points: ChartPoint[];
  series: { name: string }[];
  hiddenGroups: number;
  markers: { label: string; text: string }[];
} {
  const grouped = u.groupBy !== null;
  const top = grouped ? u.groups.slice(0, MAX_SERIES) : [];
  const series = grouped ? top.map((g) => ({ name: g.group ?? NO_GROUP })) : [{ name: u.meter.name }];
  const multiDay = new Date(u.to).getTime() - new Date(u.from).getTime() > 86_400_000;
  const label = (start: string) => {
    const d = new Date(start);
    if (u.granularity === "hour") return multiDay ? formatDayClock(d) : formatClock(d);
    return u.granularity === "day" ? formatDayMonth(d) : formatMonth(d);
  };
  const points = u.buckets.map((b) => ({
    label: label(b.start),
    values: grouped
      ? top.map((g) => toNumber(b.groups.find((c) => c.group === g.group)?.value ?? null))
      : [toNumber(b.total)],
  }));
  // A spike marks the bucket holding its hour.
  const bucketOf = (hour: string) => {
    const d = new Date(hour);
    if (u.granularity === "day") d.setUTCHours(0, 0, 0, 0);
    if (u.granularity === "month") {
      d.setUTCDate(1);
      d.setUTCHours(0, 0, 0, 0);
    }
    return d.toISOString();
  };
  const labels = new Set(points.map((p) => p.label));
  const markers = [...new Set((u.spikes ?? []).map((h) => label(bucketOf(h))))]
    .filter((l) => labels.has(l))
    .map((l) => ({ label: l, text: "spike" }));
  return { points, series, hiddenGroups: grouped ? Math.max(0, u.groups.length - top.length) : 0, markers };
}

/** For drawing only: totals are shown from the exact decimal text. */
function toNumber(v: string | null): number | null {
  return v === null ? null : Number(v);
}

export function isEmptyUsage(u: UsageResult): boolean {
  return (u.total === null || u.total === "0") && u.buckets.every((b) => b.total === null || b.total === "0");
}

const AGGREGATION_TEXT: Record<UsageResult["meter"]["aggregation"], string> = {
  SUM: "total",
  COUNT: "events",
  MAX: "peak",
  UNIQUE_COUNT: "distinct",
  LATEST: "latest",
};

export function aggregationText(a: UsageResult["meter"]["aggregation"]): string {
  return AGGREGATION_TEXT[a];
}
