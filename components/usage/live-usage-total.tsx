"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/data/fetch-json";
import { usageKeys } from "@/components/data/query-keys";
import { UpdatedAt } from "@/components/ui/updated-at";

type UsageTotal = { meter: { key: string; name: string; unit: string }; total: string };

const groupDigits = (decimal: string) => {
  const [int, frac] = decimal.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
};

/** This month's usage for one meter; polls so new usage shows within seconds without a reload. */
export function LiveUsageTotal({ meterKey, initial }: { meterKey: string; initial: UsageTotal }) {
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: usageKeys.total(meterKey),
    queryFn: () => fetchJson<UsageTotal>(`/api/portal/usage-total?meter=${encodeURIComponent(meterKey)}`),
    initialData: initial,
    refetchInterval: 2000,
  });
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-sm font-medium text-slate-500">{data.meter.name} this month</h2>
      <p className="mt-2 text-4xl font-semibold tabular-nums" data-testid="usage-total">
        {groupDigits(data.total)}{" "}
        <span className="text-lg font-normal text-slate-500">{data.meter.unit}</span>
      </p>
      <p className="mt-2 text-xs text-slate-400">
        {error
          ? `Could not refresh: ${error.message}. Retrying…`
          : <>Live · updated <UpdatedAt at={dataUpdatedAt} /></>}
      </p>
    </section>
  );
}
