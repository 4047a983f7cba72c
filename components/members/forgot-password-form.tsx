"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";

export type ForgotState = FormState<{ ok: string }>;

/** "Forgot password?": an email address in, the same answer out whether or not it has an account. */
export function ForgotPasswordForm({ action: forgotAction }: { action: FormAction<ForgotState> }) {
  const [state, action, pending] = useActionState<ForgotState, FormData>(forgotAction, null);
  if (state?.ok) return <p role="status" className="mt-6 text-sm text-green-700">{state.ok}</p>;
  return (
    <form action={action} className="mt-6 space-y-4">
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" required maxLength={254} autoComplete="email" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        {state?.fields?.email && <span className="mt-1 block text-xs font-normal text-red-700">{state.fields.email}</span>}
      </label>
      {state?.error && !state.fields?.email && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      <button disabled={pending} className="w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Sending…" : "Email me a reset link"}
      </button>
    </form>
  );
}
