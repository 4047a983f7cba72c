"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartPoint = { label: string; values: (number | null)[] };

const COLORS = ["#4f46e5", "#0891b2", "#16a34a", "#ca8a04", "#dc2626", "#9333ea", "#db2777", "#0d9488", "#ea580c", "#64748b"];

/**
 * The one chart of the app: bars over time, one series per group, stacked or side by side. Values are
 * formatted by the caller (units, currencies), so the chart knows nothing of what it draws.
 */
export function UsageChart({
  points,
  series,
  stacked,
  formatValue,
  ariaLabel,
  height = 260,
}: {
  points: ChartPoint[];
  series: { name: string }[];
  stacked: boolean;
  formatValue: (v: number) => string;
  ariaLabel: string;
  height?: number;
}) {
  // Series are addressed by position (s0, s1, …): group names may hold dots, which recharts reads as paths.
  const rows = points.map((p) => Object.fromEntries([["label", p.label], ...p.values.map((v, i) => [`s${i}`, v])]));
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} minTickGap={16} />
          <YAxis tickFormatter={(v: number) => formatValue(v)} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={64} />
          <Tooltip formatter={(v) => (typeof v === "number" ? formatValue(v) : String(v ?? "–"))} cursor={{ fill: "#f1f5f9" }} isAnimationActive={false} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s, i) => (
            <Bar key={i} dataKey={`s${i}`} name={s.name} stackId={stacked ? "stack" : undefined} fill={COLORS[i % COLORS.length]} isAnimationActive={false} maxBarSize={48} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
