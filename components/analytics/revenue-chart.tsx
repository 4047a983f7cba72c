"use client";

import { UsageChart } from "@/components/charts/usage-chart";
import { formatMinor } from "@/lib/money/format";
import type { CurrencyCode } from "@/lib/money/currencies";

/** Revenue by month, stacked: base fees, minimum spend and each meter's usage (integer minor units, formatted as money). */
export function RevenueChart({
  months,
  series,
  currency,
}: {
  months: { month: string; values: number[] }[];
  series: string[];
  currency: CurrencyCode;
}) {
  return (
    <UsageChart
      points={months.map((m) => ({ label: m.month, values: m.values }))}
      series={series.map((name) => ({ name }))}
      stacked
      formatValue={(v) => formatMinor(BigInt(Math.round(v)), currency)}
      ariaLabel={`Revenue by month in ${currency}`}
    />
  );
}
