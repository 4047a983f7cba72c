"use client";

import { UsageChart } from "@/components/charts/usage-chart";
import type { SpendPathPoint } from "@/lib/forecast/spend-path";
import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMinor } from "@/lib/money/format";
import { formatDayMonth } from "@/lib/dates/format-date";


/** This period's cumulative spend (bars), the projection continuing it (dashed), and the budget (the lowest spend limit). */
export function SpendChart({
  path,
  currency,
  budgetMinor,
}: {
  path: SpendPathPoint[];
  currency: CurrencyCode;
  budgetMinor: number | null;
}) {
  const money = (v: number) => formatMinor(BigInt(Math.round(v)), currency);
  return (
    <UsageChart
      points={path.map((p) => ({
        label: formatDayMonth(p.day),
        values: [p.actualMinor, p.projectedMinor],
      }))}
      series={[{ name: "Spent" }, { name: "Projected", kind: "line", dashed: true }]}
      stacked={false}
      formatValue={money}
      ariaLabel="Cumulative spend this period, with the projection and the budget"
      lines={budgetMinor !== null ? [{ value: budgetMinor, text: `Budget ${money(budgetMinor)}` }] : []}
      height={220}
    />
  );
}
