"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type ChartPoint = { label: string; values: (number | null)[] };

const COLORS = [
  "#4f46e5",
  "#0891b2",
  "#16a34a",
  "#ca8a04",
  "#dc2626",
  "#9333ea",
  "#db2777",
  "#0d9488",
  "#ea580c",
  "#64748b",
];

/**
 * The one chart of the app: bars over time, one series per group, stacked or side by side, with optional
 * markers (a labelled vertical line at a bar, e.g. a usage spike) and horizontal lines (e.g. a budget).
 * Values are formatted by the caller (units, currencies), so the chart knows nothing of what it draws.
 */
export function UsageChart({
  points,
  series,
  stacked,
  formatValue,
  ariaLabel,
  height = 260,
  markers = [],
  lines = [],
}: {
  points: ChartPoint[];
  /** Bars by default; a "line" series (dashed or not) is drawn over them, e.g. a projection. */
  series: { name: string; kind?: "bar" | "line"; dashed?: boolean }[];
  stacked: boolean;
  formatValue: (v: number) => string;
  ariaLabel: string;
  height?: number;
  /** Vertical lines at these points' labels. */
  markers?: { label: string; text: string }[];
  /** Horizontal lines at these values (in the series' unit). */
  lines?: { value: number; text: string }[];
}) {
  // Series are addressed by position (s0, s1, …): group names may hold dots, which recharts reads as paths.
  const rows = points.map((p) =>
    Object.fromEntries([["label", p.label], ...p.values.map((v, i) => [`s${i}`, v])]),
  );
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} minTickGap={16} />
          <YAxis
            tickFormatter={(v: number) => formatValue(v)}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={64}
          />
          <Tooltip
            formatter={(v) => (typeof v === "number" ? formatValue(v) : String(v ?? "–"))}
            cursor={{ fill: "#f1f5f9" }}
            isAnimationActive={false}
          />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {markers.map((m) => (
            <ReferenceLine
              key={`m-${m.label}`}
              x={m.label}
              stroke="#dc2626"
              strokeDasharray="4 3"
              label={{ value: m.text, position: "top", fill: "#dc2626", fontSize: 11 }}
            />
          ))}
          {lines.map((l) => (
            <ReferenceLine
              key={`l-${l.text}`}
              y={l.value}
              stroke="#ca8a04"
              strokeDasharray="6 4"
              label={{ value: l.text, position: "insideTopRight", fill: "#a16207", fontSize: 11 }}
            />
          ))}
          {series.map((s, i) =>
            s.kind === "line" ? (
              <Line
                key={i}
                dataKey={`s${i}`}
                name={s.name}
                stroke={COLORS[i % COLORS.length]}
                strokeWidth={2}
                strokeDasharray={s.dashed ? "6 4" : undefined}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ) : (
              <Bar
                key={i}
                dataKey={`s${i}`}
                name={s.name}
                stackId={stacked ? "stack" : undefined}
                fill={COLORS[i % COLORS.length]}
                isAnimationActive={false}
                maxBarSize={48}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
