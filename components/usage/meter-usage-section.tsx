"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/components/data/fetch-json";
import { usageKeys } from "@/components/data/query-keys";
import { UsageChart } from "@/components/charts/usage-chart";
import {
  groupDigits,
  RANGE_LABELS,
  RANGE_PRESETS,
  usageRange,
  type RangePreset,
} from "@/lib/metering/queries/usage-range";
import type { UsageResult } from "@/lib/metering/queries/query-usage";
import type { UsageMeter } from "@/lib/metering/meters/list-usage-meters";
import { FirstEventHelp } from "./first-event-help";
import { aggregationText, chartData, isEmptyUsage, NO_GROUP } from "./usage-view";
import { UpdatedAt } from "@/components/ui/updated-at";

export type UsageKey = {
  meter: string;
  range: RangePreset;
  from: string;
  to: string;
  granularity: "hour" | "day";
  groupBy: string | null;
};

const REFRESH_MS = 3000;
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });

/** One meter's live usage: range, granularity and dimension pickers, the chart, and totals. Polls every 3 s. */
export function MeterUsageSection({
  meter,
  customer,
  appUrl,
  initial,
}: {
  meter: UsageMeter;
  customer: string;
  appUrl: string;
  initial: { key: UsageKey; data: UsageResult } | null;
}) {
  const [now] = useState(() => new Date());
  const [preset, setPreset] = useState<RangePreset>(initial?.key.range ?? "today");
  const [custom, setCustom] = useState({ from: "", to: "" });
  const [granularity, setGranularity] = useState<"hour" | "day">(initial?.key.granularity ?? "hour");
  const [groupBy, setGroupBy] = useState<string | null>(
    initial ? initial.key.groupBy : (meter.groupBy[0] ?? null),
  );
  const range = usageRange(preset, now, custom);
  const key: UsageKey | null = range
    ? { meter: meter.key, range: preset, from: range.from, to: range.to, granularity, groupBy }
    : null;
  const isInitial = key !== null && initial !== null && JSON.stringify(key) === JSON.stringify(initial.key);

  const query = useQuery({
    queryKey: usageKeys.series(key),
    queryFn: () => fetchJson<UsageResult>(`/api/portal/usage?${searchOf(key!)}`),
    enabled: key !== null,
    initialData: isInitial ? initial!.data : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const data = query.data;
  const stacked = meter.aggregation === "SUM" || meter.aggregation === "COUNT";
  const format = (v: number) => compact.format(v);

  return (
    <section
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid={`usage-section-${meter.key}`}
      aria-labelledby={`meter-${meter.key}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={`meter-${meter.key}`} className="text-lg font-semibold">
            {meter.name}
          </h2>
          <p className="text-xs text-slate-500">
            <code>{meter.key}</code> · {meter.unit} · {aggregationText(meter.aggregation)}
          </p>
        </div>
        <div className="text-right">
          <p className="text-xs uppercase tracking-wide text-slate-500">{RANGE_LABELS[preset]} (UTC)</p>
          <p className="text-3xl font-semibold tabular-nums" data-testid={`usage-total-${meter.key}`}>
            {data ? (data.total === null ? "–" : groupDigits(data.total)) : "…"}{" "}
            <span className="text-base font-normal text-slate-500">{meter.unit}</span>
          </p>
        </div>
      </div>

      <div className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        <fieldset className="flex overflow-hidden rounded-md border border-slate-300">
          <legend className="sr-only">Range</legend>
          {RANGE_PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={preset === p}
              onClick={() => setPreset(p)}
              className={toggle(preset === p)}
            >
              {RANGE_LABELS[p]}
            </button>
          ))}
        </fieldset>
        {preset === "custom" && (
          <>
            <label className="text-xs font-medium text-slate-600">
              From
              <input
                type="date"
                value={custom.from}
                onChange={(e) => setCustom({ ...custom, from: e.target.value })}
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="text-xs font-medium text-slate-600">
              To
              <input
                type="date"
                value={custom.to}
                onChange={(e) => setCustom({ ...custom, to: e.target.value })}
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
          </>
        )}
        <fieldset className="flex overflow-hidden rounded-md border border-slate-300">
          <legend className="sr-only">Granularity</legend>
          {(["hour", "day"] as const).map((g) => (
            <button
              key={g}
              type="button"
              aria-pressed={granularity === g}
              onClick={() => setGranularity(g)}
              className={toggle(granularity === g)}
            >
              {g === "hour" ? "Hourly" : "Daily"}
            </button>
          ))}
        </fieldset>
        {meter.groupBy.length > 0 && (
          <label className="text-xs font-medium text-slate-600">
            {stacked ? "Stack by" : "Split by"}
            <select
              value={groupBy ?? ""}
              onChange={(e) => setGroupBy(e.target.value || null)}
              className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              <option value="">Nothing</option>
              {meter.groupBy.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      <div className="mt-4">
        {key === null ? (
          <p className="text-sm text-slate-500">Pick both dates of the custom range.</p>
        ) : !data ? (
          query.error ? null : (
            <p className="text-sm text-slate-500">Loading usage…</p>
          )
        ) : isEmptyUsage(data) ? (
          <FirstEventHelp meter={meter} customer={customer} appUrl={appUrl} />
        ) : (
          <UsageBody data={data} stacked={stacked} format={format} />
        )}
      </div>

      <p className="mt-3 text-xs text-slate-400" aria-live="polite">
        {query.error
          ? `Could not load usage: ${query.error.message}. Retrying every few seconds; check the range if this persists.`
          : query.dataUpdatedAt
            ? <>Live · updated <UpdatedAt at={query.dataUpdatedAt} /></>
            : ""}
      </p>
    </section>
  );
}

function UsageBody({
  data,
  stacked,
  format,
}: {
  data: UsageResult;
  stacked: boolean;
  format: (v: number) => string;
}) {
  const { points, series, hiddenGroups, markers } = chartData(data);
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_220px]">
      <UsageChart
        points={points}
        series={series}
        stacked={stacked}
        formatValue={format}
        ariaLabel={`${data.meter.name} by ${data.granularity}${markers.length ? `, ${markers.length} spike(s) marked` : ""}`}
        markers={markers}
      />
      {data.groupBy !== null && (
        <table className="h-fit w-full text-sm" data-testid={`usage-groups-${data.meter.key}`}>
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">{data.groupBy}</th>
              <th className="py-1 text-right font-medium">{data.meter.unit}</th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((g) => (
              <tr key={g.group ?? NO_GROUP} className="border-t border-slate-100">
                <td className="py-1 pr-2 font-mono text-xs">{g.group ?? NO_GROUP}</td>
                <td className="py-1 text-right tabular-nums">
                  {g.total === null ? "–" : groupDigits(g.total)}
                </td>
              </tr>
            ))}
          </tbody>
          {hiddenGroups > 0 && (
            <caption className="caption-bottom pt-1 text-left text-xs text-slate-400">
              Chart shows the top {series.length}; all are listed.
            </caption>
          )}
        </table>
      )}
    </div>
  );
}

function searchOf(k: UsageKey): string {
  const p = new URLSearchParams({ meter: k.meter, from: k.from, to: k.to, granularity: k.granularity });
  if (k.groupBy) p.set("groupBy", k.groupBy);
  return p.toString();
}

function toggle(active: boolean): string {
  return `px-3 py-1.5 ${active ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`;
}
