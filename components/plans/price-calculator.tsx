"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Quote } from "@/lib/plans/quote-plan-version";
import { inputClass, TextField } from "./field";
import { ApiError, fetchJson } from "@/components/data/fetch-json";
import { QuoteTable } from "./quote-table";

type CalcVersion = {
  id: string;
  number: number;
  status: string;
  prices: { meterId: string; meter: { name: string; unit: string }; summary: string }[];
};

/** Type quantities per meter, see each line, its tier breakdown and the total, priced by the rating engine. */
export function PriceCalculator({ versions }: { versions: CalcVersion[] }) {
  const [versionId, setVersionId] = useState(versions[0]?.id ?? "");
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const quote = useMutation<Quote, Error, void>({
    mutationFn: () =>
      fetchJson<Quote>(`/api/admin/plan-versions/${versionId}/quote`, {
        method: "POST",
        body: {
          quantities: Object.fromEntries(Object.entries(quantities).filter(([, q]) => q.trim() !== "")),
        },
      }),
  });
  const version = versions.find((v) => v.id === versionId);
  if (!version)
    return <p className="text-sm text-slate-500">Add a version with prices to try the calculator.</p>;
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">Price calculator</h2>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          quote.mutate();
        }}
      >
        <label className="block max-w-xs text-sm font-medium">
          Version
          <select
            value={versionId}
            onChange={(e) => (setVersionId(e.target.value), quote.reset())}
            className={inputClass}
          >
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                Version {v.number} ({v.status.toLowerCase()})
              </option>
            ))}
          </select>
        </label>
        {version.prices.length === 0 && (
          <p className="text-sm text-slate-500">
            This version has no usage prices: only its base fee applies.
          </p>
        )}
        <div className="grid grid-cols-3 gap-3">
          {version.prices.map((p) => (
            <TextField
              key={p.meterId}
              label={`${p.meter.name} quantity`}
              value={quantities[p.meterId] ?? ""}
              onChange={(v) => setQuantities((q) => ({ ...q, [p.meterId]: v }))}
              placeholder="0"
              hint={p.summary}
            />
          ))}
        </div>
        <button
          type="submit"
          disabled={quote.isPending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {quote.isPending ? "Calculating…" : "Calculate"}
        </button>
      </form>
      {quote.error && (
        <p role="alert" className="text-sm text-red-700">
          {quote.error instanceof ApiError && quote.error.problems.length
            ? quote.error.problems.map((p) => p.message).join("; ")
            : quote.error.message}
        </p>
      )}
      {quote.data && <QuoteTable quote={quote.data} />}
    </section>
  );
}
