"use client";

import { useActionState } from "react";
import { keepInput } from "@/components/credits/keep-input";
import { FormResult } from "@/components/invoices/form-result";
import type { FormAction, FormState } from "@/lib/forms/form-state";

export type LimitFormState = FormState;

/**
 * Sets the actor's limit on one scope (spend, or a meter): the amount, alert-only or a hard cap, and the
 * thresholds as percentages. `customerId` is only for the admin's form (a member's is their own customer).
 */
export function LimitForm({
  scope,
  customerId,
  unit,
  current,
  action,
}: {
  scope: string;
  customerId?: string;
  unit: string;
  current: { input: string; mode: "alert" | "hard_cap"; thresholds: number[] } | null;
  action: FormAction<LimitFormState>;
}) {
  const [state, submit, busy] = useActionState<LimitFormState, FormData>(action, null);
  const field = "mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <form
      onSubmit={keepInput(submit)}
      noValidate
      className="flex flex-wrap items-end gap-3 text-sm"
      data-testid={`limit-form-${scope}`}
    >
      <input type="hidden" name="scope" value={scope} />
      {customerId && <input type="hidden" name="customerId" value={customerId} />}
      <label className="block">
        Limit ({unit})
        <input
          name="amount"
          defaultValue={current?.input ?? ""}
          inputMode="decimal"
          className={`${field} w-32`}
        />
        {state?.fields?.amount && <span className="block text-xs text-red-700">{state.fields.amount}</span>}
      </label>
      <label className="block">
        Mode
        <select name="mode" defaultValue={current?.mode ?? "alert"} className={field}>
          <option value="alert">Alert only</option>
          <option value="hard_cap">Hard cap (refuse usage past it)</option>
        </select>
      </label>
      <label className="block">
        Alert at (% of the limit)
        <input
          name="thresholds"
          defaultValue={(current?.thresholds ?? [50, 80, 100]).join(", ")}
          className={`${field} w-36`}
        />
        {state?.fields?.thresholds && (
          <span className="block text-xs text-red-700">{state.fields.thresholds}</span>
        )}
      </label>
      <button
        disabled={busy}
        className="rounded-md border border-indigo-600 bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-500 disabled:opacity-50"
      >
        {busy ? "Saving…" : "Save"}
      </button>
      <FormResult state={state} />
    </form>
  );
}
