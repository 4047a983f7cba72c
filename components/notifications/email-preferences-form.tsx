"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import type { EmailPreferences } from "@/lib/notify/email/preferences/email-preferences-input";
import { EMAIL_CATEGORIES, EMAIL_CATEGORY_KEYS } from "@/lib/notify/email/email-categories";
import { keepInput } from "@/components/credits/keep-input";
import { FormResult } from "@/components/invoices/form-result";

/** One checkbox per email category (checked: the member gets those emails), saved through `action`. */
export function EmailPreferencesForm({
  preferences,
  action,
}: {
  preferences: EmailPreferences;
  action: FormAction<FormState>;
}) {
  const [state, submit, busy] = useActionState<FormState, FormData>(action, null);
  return (
    <form
      onSubmit={keepInput(submit)}
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      data-testid="email-preferences-form"
    >
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-medium">Email me about</legend>
        {EMAIL_CATEGORY_KEYS.map((c) => (
          <label key={c} className="flex items-start gap-3 text-sm">
            <input
              type="checkbox"
              name={c}
              defaultChecked={preferences[c]}
              className="mt-0.5 h-4 w-4"
              aria-invalid={!!state?.fields?.[c]}
            />
            <span>
              <span className="font-medium">{EMAIL_CATEGORIES[c].label}</span>
              <span className="block text-slate-500">{EMAIL_CATEGORIES[c].hint}</span>
              {state?.fields?.[c] && <span className="block text-xs text-red-700">{state.fields[c]}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <button
          disabled={busy}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
        >
          {busy ? "Saving…" : "Save email settings"}
        </button>
        <FormResult state={state} />
      </div>
    </form>
  );
}
