"use client";

import { startTransition, useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";

type PackFormState = FormState<object>;
import { CURRENCY_CODES } from "@/lib/money/currencies";

export type PackFormValues = {
  id?: string;
  name: string;
  currency: string;
  price: string;
  credits: string;
  bonusCredits: string;
  active: boolean;
};

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** Create / edit a credit pack; amounts in major units ("49.00") of the pack's currency. */
export function PackForm({
  initial,
  submitLabel,
  action: savePackAction,
}: {
  initial: PackFormValues;
  submitLabel: string;
  action: FormAction<PackFormState>;
}) {
  const [state, action, busy] = useActionState<PackFormState, FormData>(savePackAction, null);
  const err = (field: string) =>
    state?.fields?.[field] && <span className="text-xs text-red-700">{state.fields[field]}</span>;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      className="grid max-w-3xl gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:grid-cols-3"
      noValidate
    >
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <label className="text-sm sm:col-span-2">
        Pack name
        <input name="name" defaultValue={initial.name} className={input} />
        {err("name")}
      </label>
      <label className="text-sm">
        Currency
        <select
          name="currency"
          defaultValue={initial.currency}
          disabled={Boolean(initial.id)}
          className={input}
        >
          {CURRENCY_CODES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        {initial.id && <input type="hidden" name="currency" value={initial.currency} />}
        {err("currency")}
      </label>
      <label className="text-sm">
        Price
        <input
          name="price"
          inputMode="decimal"
          defaultValue={initial.price}
          placeholder="49.00"
          className={input}
        />
        {err("priceMinor")}
      </label>
      <label className="text-sm">
        Credits
        <input
          name="credits"
          inputMode="decimal"
          defaultValue={initial.credits}
          placeholder="50.00"
          className={input}
        />
        {err("creditsMinor")}
      </label>
      <label className="text-sm">
        Bonus credits
        <input
          name="bonusCredits"
          inputMode="decimal"
          defaultValue={initial.bonusCredits}
          placeholder="0.00"
          className={input}
        />
        {err("bonusCreditsMinor")}
      </label>
      <label className="flex items-center gap-2 text-sm sm:col-span-3">
        <input type="checkbox" name="active" defaultChecked={initial.active} /> For sale (customers paying in
        this currency see it)
      </label>
      <div className="sm:col-span-3">
        <button
          disabled={busy}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
        >
          {busy ? "Saving…" : submitLabel}
        </button>
        {state?.error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {state.error}
          </p>
        )}
      </div>
    </form>
  );
}
