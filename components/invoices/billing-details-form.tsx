"use client";

import { useActionState } from "react";
import type { BillingProfile } from "@/lib/billing/billing-profile";
import { keepInput } from "@/components/credits/keep-input";
import { FormResult } from "./form-result";
import type { BillingFormAction, BillingFormState } from "./billing-form-state";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

const FIELDS: { name: keyof BillingProfile; label: string; placeholder?: string; wide?: boolean }[] = [
  { name: "legalName", label: "Legal name", placeholder: "Acme AI, Inc.", wide: true },
  { name: "email", label: "Billing email", placeholder: "billing@acme.test", wide: true },
  { name: "addressLine1", label: "Address line 1", wide: true },
  { name: "addressLine2", label: "Address line 2", wide: true },
  { name: "city", label: "City" },
  { name: "postalCode", label: "Postal code" },
  { name: "region", label: "Region or state" },
  { name: "country", label: "Country (two-letter code)", placeholder: "US" },
];

/** Who invoices are addressed to; saved through `action`, with each refused field's message beside it. */
export function BillingDetailsForm({
  profile,
  action,
}: {
  profile: BillingProfile;
  action: BillingFormAction;
}) {
  const [state, submit, busy] = useActionState<BillingFormState, FormData>(action, null);
  return (
    <form
      onSubmit={keepInput(submit)}
      noValidate
      className="grid gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm md:grid-cols-2"
      data-testid="billing-details-form"
    >
      {FIELDS.map((f) => (
        <label key={f.name} className={`block text-sm ${f.wide ? "md:col-span-2" : ""}`}>
          {f.label}
          <input
            name={f.name}
            defaultValue={String(profile[f.name])}
            placeholder={f.placeholder}
            className={input}
            aria-invalid={!!state?.fields?.[f.name]}
          />
          {state?.fields?.[f.name] && <span className="text-xs text-red-700">{state.fields[f.name]}</span>}
        </label>
      ))}
      <div className="flex items-center gap-3 md:col-span-2">
        <button
          disabled={busy}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
        >
          {busy ? "Saving…" : "Save billing details"}
        </button>
        <FormResult state={state} />
      </div>
    </form>
  );
}
