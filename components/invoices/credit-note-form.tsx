"use client";

import { useActionState } from "react";
import { keepInput } from "@/components/credits/keep-input";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import { FormResult } from "./form-result";

export type CreditNoteFormState = FormState;

/**
 * The admin's "Issue credit note" form on a finalized invoice: the amount, the reason printed on the note, and,
 * for what the invoice's unpaid amount does not absorb, whether it goes to the credit balance or back to the card.
 */
export function CreditNoteForm({
  customerId,
  invoiceId,
  currency,
  action,
}: {
  customerId: string;
  invoiceId: string;
  currency: string;
  action: FormAction<CreditNoteFormState>;
}) {
  const [state, submit, busy] = useActionState<CreditNoteFormState, FormData>(action, null);
  const field = "mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <details className="rounded-lg border border-slate-200 p-4 text-sm" data-testid="credit-note-form">
      <summary className="cursor-pointer font-medium">Issue credit note</summary>
      <form onSubmit={keepInput(submit)} noValidate className="mt-3 flex flex-wrap items-end gap-4">
        <input type="hidden" name="customerId" value={customerId} />
        <input type="hidden" name="invoiceId" value={invoiceId} />
        <label className="block">
          Amount ({currency})
          <input name="amount" inputMode="decimal" placeholder="10.00" className={`${field} w-32`} />
          {state?.fields?.amount && <span className="text-xs text-red-700">{state.fields.amount}</span>}
        </label>
        <label className="block grow">
          Reason (shown on the note)
          <input
            name="reason"
            placeholder="Goodwill credit for the outage on …"
            className={`${field} w-full`}
          />
          {state?.fields?.reason && <span className="text-xs text-red-700">{state.fields.reason}</span>}
        </label>
        <fieldset className="space-y-1">
          <legend>If the invoice is paid, the amount goes</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="settlement" value="balance" defaultChecked /> to the credit balance
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="settlement" value="refund" /> back to the card (refund)
          </label>
        </fieldset>
        <button
          disabled={busy}
          className="rounded-md border border-indigo-600 bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-500 disabled:opacity-50"
        >
          {busy ? "Issuing…" : "Issue credit note"}
        </button>
        <FormResult state={state} />
      </form>
    </details>
  );
}
