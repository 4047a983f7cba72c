"use client";

import { useActionState } from "react";
import { FormResult } from "@/components/invoices/form-result";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import type { MoneyDto } from "@/lib/money/money-dto";
import { keepInput } from "./keep-input";

/** "Tell me when my balance falls under …": the amount (empty: off), emailed and sent as credits.balance_low. */
export function LowBalanceAlertForm({
  current,
  input,
  currency,
  action,
}: {
  current: MoneyDto | null;
  /** The current amount in major units, as the field shows it. */
  input: string;
  currency: string;
  action: FormAction<FormState>;
}) {
  const [state, submit, busy] = useActionState<FormState, FormData>(action, null);
  return (
    <section
      className="space-y-2 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="low-balance-alert"
    >
      <h2 className="text-lg font-semibold">Low balance alert</h2>
      <p className="text-sm text-slate-500">
        {current
          ? `We tell you when your balance falls under ${current.formatted}, and when it reaches zero.`
          : "We tell you when your balance reaches zero. Add an amount to hear earlier."}
      </p>
      <form onSubmit={keepInput(submit)} noValidate className="flex flex-wrap items-end gap-3 text-sm">
        <label className="block">
          Alert under ({currency})
          <input
            name="amount"
            inputMode="decimal"
            defaultValue={input}
            placeholder="20.00"
            className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2"
          />
          {state?.fields?.amount && <span className="block text-xs text-red-700">{state.fields.amount}</span>}
        </label>
        <button
          disabled={busy}
          className="rounded-md border border-slate-300 px-4 py-2 hover:bg-slate-50 disabled:opacity-50"
        >
          {busy ? "Saving…" : "Save"}
        </button>
        <FormResult state={state} />
      </form>
    </section>
  );
}
