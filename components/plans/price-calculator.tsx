"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Quote } from "@/lib/plans/quote-plan-version";
import { inputClass, TextField } from "./field";
import { ApiError, fetchJson } from "@/components/data/fetch-json";
import { QuoteTable } from "./quote-table";
import { parseNumberInput } from "@/lib/numbers/parse-number-input";

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
  const [typo, setTypo] = useState<string | null>(null);
  const quote = useMutation<Quote, Error, Record<string, string>>({
    mutationFn: (read) => fetchJson<Quote>(`/api/admin/plan-versions/${versionId}/quote`, { method: "POST", body: { quantities: read } }),
  });
  /** Reads every typed quantity with the editor's parser ("20,000,000" is twenty million); says which one is wrong. */
  const calculate = () => {
    const read: Record<string, string> = {};
    for (const p of version?.prices ?? []) {
      const typed = quantities[p.meterId] ?? "";
      if (typed.trim() === "") continue;
      const parsed = parseNumberInput(typed);
      if (!parsed.ok) return setTypo(`${p.meter.name} quantity: ${parsed.message}`);
      read[p.meterId] = parsed.value;
    }
    setTypo(null);
    quote.mutate(read);
  };
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
          calculate();
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
              placeholder="e.g. 20,000,000"
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
      {typo && (
        <p role="alert" className="text-sm text-red-700">
          {typo}
        </p>
      )}
      {!typo && quote.error && (
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
