"use client";

import { UsageChart } from "@/components/charts/usage-chart";
import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMinor } from "@/lib/money/format";

/** A customer's invoiced totals by period (bars) with this period's projection (the last bar, a line). */
export function CustomerSpendChart({
  points,
  currency,
}: {
  points: { label: string; invoicedMinor: number | null; projectedMinor: number | null }[];
  currency: CurrencyCode;
}) {
  return (
    <UsageChart
      points={points.map((p) => ({ label: p.label, values: [p.invoicedMinor, p.projectedMinor] }))}
      series={[{ name: "Invoiced" }, { name: "Projected this period", kind: "line", dashed: true }]}
      stacked={false}
      formatValue={(v) => formatMinor(BigInt(Math.round(v)), currency)}
      ariaLabel="Spend history: invoiced by period, and this period's projection"
      height={220}
    />
  );
}
