"use client";

import { TextField } from "./field";
import type { TierDraft } from "./price-draft";

/** Tier rows: each "up to" must be above the one before; the last tier is unbounded (left empty). */
export function TiersEditor({ tiers, onChange, priceHint, pricePlaceholder }: { tiers: TierDraft[]; onChange: (tiers: TierDraft[]) => void; priceHint: string; pricePlaceholder: string }) {
  const set = (i: number, patch: Partial<TierDraft>) => onChange(tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <div className="space-y-2">
      {tiers.map((t, i) => {
        const last = i === tiers.length - 1;
        return (
          <div key={i} className="grid grid-cols-[1fr_1fr_1fr_auto] items-end gap-2" data-testid={`tier-${i}`}>
            <TextField label={`Tier ${i + 1} up to`} value={last ? "" : t.upTo} onChange={(v) => set(i, { upTo: v })} disabled={last} placeholder={last ? "and above (unbounded)" : "e.g. 1,000,000"} />
            <TextField label={`Tier ${i + 1} unit price`} value={t.unitPrice} onChange={(v) => set(i, { unitPrice: v })} placeholder={pricePlaceholder} hint={priceHint} />
            <TextField label={`Tier ${i + 1} flat fee`} value={t.flatFee} onChange={(v) => set(i, { flatFee: v })} placeholder="optional" />
            <button
              type="button"
              disabled={tiers.length <= 1}
              onClick={() => onChange(tiers.filter((_, j) => j !== i))}
              className="mb-0.5 rounded-md border border-slate-200 px-2 py-2 text-xs text-slate-600 hover:bg-slate-50 disabled:opacity-40"
            >
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...tiers.slice(0, -1), { upTo: "", unitPrice: "", flatFee: "" }, tiers[tiers.length - 1]])} className="text-sm font-medium text-indigo-700 hover:underline">
        + Add tier
      </button>
      <p className="text-xs text-slate-500">Unit prices in the plan&apos;s currency, per the unit chosen above (per 1M: 2.50 is $0.0000025 a unit); flat fees per tier. Numbers may be grouped: 1,000,000. The last tier has no upper bound.</p>
    </div>
  );
}
