"use client";

import type { PriceableMeter } from "@/lib/plans/list-priceable-meters";
import { inputClass, ProblemList, TextField } from "./field";
import { KIND_LABELS, withPricePer, type Kind, type PriceDraft } from "./price-draft";
import { PRICE_PER, type PricePer } from "@/lib/plans/price-per";
import { TiersEditor } from "./tiers-editor";

type Props = {
  index: number;
  draft: PriceDraft;
  meters: PriceableMeter[];
  problems: { field: string; message: string }[];
  onChange: (d: PriceDraft) => void;
  onRemove: () => void;
};

const PLACEHOLDER: Record<PricePer, string> = { unit: "e.g. 0.0000025", "1K": "e.g. 0.0025", "1M": "e.g. 2.50" };

function perHint(per: PricePer, unit: string): string {
  return per === "unit" ? `Per one of ${unit}` : `${PRICE_PER[per].label[0].toUpperCase()}${PRICE_PER[per].label.slice(1)} ${unit}`;
}

/** One meter's price: the meter, the model (per unit, package, graduated, volume) and its numbers. */
export function PriceEditor({ index, draft, meters, problems, onChange, onRemove }: Props) {
  const set = (patch: Partial<PriceDraft>) => onChange({ ...draft, ...patch });
  const unit = meters.find((m) => m.id === draft.meterId)?.unit ?? "units";
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4" data-testid={`price-${index}`}>
      <div className="grid grid-cols-[1fr_1fr_1fr_auto] items-end gap-3">
        <label className="block text-sm font-medium">
          Meter
          <select value={draft.meterId} onChange={(e) => set({ meterId: e.target.value })} className={inputClass}>
            {meters.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.key})
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Pricing model
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as Kind })} className={inputClass}>
            {Object.entries(KIND_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <TextField label="Included units" value={draft.includedUnits} onChange={(v) => set({ includedUnits: v })} placeholder="free per period" hint={`Free ${unit} each period`} />
        <button type="button" onClick={onRemove} className="mb-6 rounded-md border border-red-200 px-3 py-2 text-sm text-red-700 hover:bg-red-50">
          Remove price
        </button>
      </div>
      {draft.kind !== "package" && (
        <label className="block max-w-xs text-sm font-medium">
          Unit prices typed
          <select value={draft.per} onChange={(e) => onChange(withPricePer(draft, e.target.value as PricePer))} className={inputClass}>
            {(Object.keys(PRICE_PER) as PricePer[]).map((p) => (
              <option key={p} value={p}>
                {p === "unit" ? `per one of ${unit}` : `${PRICE_PER[p].label} ${unit}`}
              </option>
            ))}
          </select>
          <span className="mt-1 block text-xs font-normal text-slate-500">Stored per unit, converted exactly.</span>
        </label>
      )}
      {draft.kind === "per_unit" && <TextField label="Unit price" value={draft.unitPrice} onChange={(v) => set({ unitPrice: v })} placeholder={PLACEHOLDER[draft.per]} hint={perHint(draft.per, unit)} />}
      {draft.kind === "package" && (
        <div className="grid grid-cols-2 gap-3">
          <TextField label="Package size" value={draft.packageSize} onChange={(v) => set({ packageSize: v })} placeholder="e.g. 1000" hint="Each started package is charged in full" />
          <TextField label="Package price" value={draft.packagePrice} onChange={(v) => set({ packagePrice: v })} placeholder="e.g. 5" />
        </div>
      )}
      {(draft.kind === "graduated" || draft.kind === "volume") && (
        <>
          <p className="text-xs text-slate-500">
            {draft.kind === "graduated" ? "Each unit is priced by the tier it falls in; a tier's flat fee is charged once any unit reaches it." : "All units are priced at the tier the period's total reaches, plus that tier's flat fee."}
          </p>
          <TiersEditor tiers={draft.tiers} onChange={(tiers) => set({ tiers })} priceHint={perHint(draft.per, unit)} pricePlaceholder={PLACEHOLDER[draft.per]} />
        </>
      )}
      <ProblemList problems={problems} />
    </fieldset>
  );
}
