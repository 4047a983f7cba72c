"use client";

import Link from "next/link";
import { useActionState } from "react";
import { keepInput } from "@/components/credits/keep-input";
import { FormResult } from "./form-result";
import type { BillingFormAction, BillingFormState } from "./billing-form-state";

/**
 * On the admin's customer page: a link to the customer's invoices and their collection terms (net terms
 * days, dunning, and where a credit note on a paid invoice goes).
 */
export function CollectionTermsForm({
  customerId,
  netTermsDays,
  dunningEnabled,
  creditNoteSettlement,
  action,
}: {
  customerId: string;
  netTermsDays: number;
  dunningEnabled: boolean;
  creditNoteSettlement: "BALANCE" | "REFUND";
  action: BillingFormAction;
}) {
  const [state, submit, busy] = useActionState<BillingFormState, FormData>(action, null);
  return (
    <section
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="customer-invoicing"
    >
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">Invoicing</h2>
        <Link
          href={`/admin/invoices?customer=${customerId}`}
          className="text-sm text-indigo-700 hover:underline"
        >
          This customer&apos;s invoices →
        </Link>
      </div>
      <form
        onSubmit={keepInput(submit)}
        noValidate
        className="flex flex-wrap items-end gap-4"
        data-testid="collection-terms-form"
      >
        <input type="hidden" name="customerId" value={customerId} />
        <label className="block text-sm">
          Net terms (days after issue)
          <input
            name="netTermsDays"
            inputMode="numeric"
            defaultValue={netTermsDays}
            className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          {state?.fields?.netTermsDays && (
            <span className="text-xs text-red-700">{state.fields.netTermsDays}</span>
          )}
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="dunningEnabled" defaultChecked={dunningEnabled} />
          Dunning (payment reminders) on
        </label>
        <label className="block text-sm">
          Credit notes on paid invoices go to
          <select
            name="creditNoteSettlement"
            defaultValue={creditNoteSettlement}
            className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            <option value="BALANCE">the credit balance</option>
            <option value="REFUND">the card (refund)</option>
          </select>
          {state?.fields?.creditNoteSettlement && (
            <span className="text-xs text-red-700">{state.fields.creditNoteSettlement}</span>
          )}
        </label>
        <button
          disabled={busy}
          className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-50"
        >
          {busy ? "Saving…" : "Save terms"}
        </button>
        <FormResult state={state} />
      </form>
    </section>
  );
}
