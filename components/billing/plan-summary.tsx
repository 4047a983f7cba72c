"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/data/fetch-json";
import { usageKeys } from "@/components/data/query-keys";
import { formatQuantity } from "@/lib/money/format-major";
import type { UsageSummary } from "@/lib/period-charges/usage-summary-types";
import { breakdownText } from "@/components/plans/quote-table";
import { PlanTerms } from "./plan-terms";
import { DataTable } from "@/components/ui/data-table";

/** The member's plan and this period's running charges; refreshes itself as usage arrives. */
export function PlanSummary({ initial }: { initial: UsageSummary }) {
  const { data, error } = useQuery({
    queryKey: usageKeys.summary(),
    queryFn: () => fetchJson<UsageSummary>("/api/portal/usage-summary"),
    initialData: initial,
    refetchInterval: 5000,
  });
  if (!data.subscription || !data.period) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
        You are not on a plan yet. Your usage is still recorded; it is charged from the moment your account
        manager assigns you a plan.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <PlanTerms summary={data} />
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="text-lg font-semibold">This period so far</h2>
        {data.meters.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">
            Your plan has no usage prices: only the base fee applies.
          </p>
        ) : (
          <DataTable
            columns={[
              "Meter",
              "Price",
              { label: "Used", align: "right" },
              { label: "Free left", align: "right" },
              { label: "Charge so far", align: "right" },
            ]}
            variant="plain"
            className="mt-3"
          >
            {data.meters.map((m) => (
              <tr
                key={m.meter.key}
                className="border-t border-slate-100 align-top"
                data-testid={`meter-${m.meter.key}`}
              >
                <td className="py-2 font-medium">{m.meter.name}</td>
                <td className="py-2 text-slate-600">
                  <div>{m.price.summary}</div>
                  {m.price.included && <div className="text-xs">{m.price.included}</div>}
                  {m.price.tiers.length > 0 && (
                    <ul className="ml-4 list-disc text-xs">
                      {m.price.tiers.map((t) => (
                        <li key={t}>{t}</li>
                      ))}
                    </ul>
                  )}
                  <ul className="mt-1 text-xs text-slate-500">
                    {m.breakdown.map((b, i) => (
                      <li key={i}>{breakdownText(b)}</li>
                    ))}
                  </ul>
                </td>
                <td className="py-2 text-right tabular-nums">
                  {formatQuantity(m.quantity)} {m.meter.unit}
                </td>
                <td className="py-2 text-right tabular-nums">{formatQuantity(m.freeUnitsLeft)}</td>
                <td className="py-2 text-right tabular-nums" data-testid={`meter-charge-${m.meter.key}`}>
                  {m.charge.formatted}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <dl className="mt-4 space-y-1 border-t border-slate-200 pt-3 text-sm">
          <div className="flex justify-between">
            <dt>Base fee this period</dt>
            <dd className="tabular-nums">{data.baseFee?.thisPeriod.formatted}</dd>
          </div>
          <div className="flex justify-between">
            <dt>Usage so far</dt>
            <dd className="tabular-nums" data-testid="plan-usage">
              {data.usage.formatted}
            </dd>
          </div>
          <div className="flex justify-between text-base font-semibold">
            <dt>Total so far</dt>
            <dd className="tabular-nums" data-testid="plan-total">
              {data.total.formatted}
            </dd>
          </div>
          {data.minimumSpend && (
            <p className="text-xs text-slate-500">
              Minimum spend {data.minimumSpend.perPeriod.formatted} per period
              {data.minimumSpend.toReach.amountMinor > 0
                ? `: ${data.minimumSpend.toReach.formatted} more is charged at period end unless your usage reaches it.`
                : ": reached."}
            </p>
          )}
          <p className="text-xs text-slate-400">
            Each line is rounded once to the cent (half to even).{" "}
            {error ? `Could not refresh: ${error.message}. Retrying…` : "Live: updates as usage arrives."}
          </p>
        </dl>
      </section>
    </div>
  );
}
