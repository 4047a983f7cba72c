"use client";

import { useActionState, useState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";

type Version = { id: string; planName: string; number: number; currency: string };
export type CreateCustomerState = FormState<{ ok: string }>;

/** Name, externalId, currency, billing email and an optional plan of that currency to subscribe to. */
export function CreateCustomerForm({ currencies, versions, action: createAction }: { currencies: string[]; versions: Version[]; action: FormAction<CreateCustomerState> }) {
  const [state, action, pending] = useActionState<CreateCustomerState, FormData>(createAction, null);
  const [currency, setCurrency] = useState("USD");
  const err = (name: string) => state?.fields?.[name] && <span className="mt-1 block text-xs font-normal text-red-700">{state.fields[name]}</span>;
  const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2";
  return (
    <form action={action} className="max-w-lg space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <label className="block text-sm font-medium">
        Name
        <input name="name" required maxLength={120} placeholder="Acme AI" className={input} />
        {err("name")}
      </label>
      <label className="block text-sm font-medium">
        External id <span className="font-normal text-slate-500">(what apps send as <code>customer</code>; unique)</span>
        <input name="externalId" required maxLength={128} pattern="[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}" placeholder="acme" className={`${input} font-mono`} />
        {err("externalId")}
      </label>
      <label className="block text-sm font-medium">
        Currency
        <select name="currency" value={currency} onChange={(e) => setCurrency(e.target.value)} className={input}>
          {currencies.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        {err("currency")}
      </label>
      <label className="block text-sm font-medium">
        Billing email <span className="font-normal text-slate-500">(optional; gets every billing email)</span>
        <input name="billingEmail" type="email" maxLength={254} placeholder="billing@acme.test" className={input} />
        {err("billingEmail")}
      </label>
      <label className="block text-sm font-medium">
        Plan
        <select name="planVersionId" className={input} defaultValue="">
          <option value="">No plan yet</option>
          {versions
            .filter((v) => v.currency === currency)
            .map((v) => (
              <option key={v.id} value={v.id}>
                {v.planName} v{v.number}
              </option>
            ))}
        </select>
        {err("planVersionId")}
      </label>
      {state?.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      <button disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Creating…" : "Create customer"}
      </button>
    </form>
  );
}
