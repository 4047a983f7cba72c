"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";

export type SetPasswordState = FormState<{ ok: string }>;

/** A new password, twice, for the one-time link's token (accepting an invitation or a reset). */
export function SetPasswordForm({ token, submitLabel, action: setAction }: { token: string; submitLabel: string; action: FormAction<SetPasswordState> }) {
  const [state, action, pending] = useActionState<SetPasswordState, FormData>(setAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="mt-6 text-sm text-green-700">
        {state.ok}{" "}
        <Link href="/signin" className="font-medium text-indigo-700 hover:underline">
          Sign in
        </Link>
      </p>
    );
  }
  const err = (name: string) => state?.fields?.[name] && <span className="mt-1 block text-xs font-normal text-red-700">{state.fields[name]}</span>;
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <label className="block text-sm font-medium">
        New password
        <input name="password" type="password" required minLength={10} maxLength={72} autoComplete="new-password" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        {err("password")}
      </label>
      <label className="block text-sm font-medium">
        The same password again
        <input name="confirm" type="password" required autoComplete="new-password" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        {err("confirm")}
      </label>
      {(state?.fields?.token || state?.error) && (
        <p role="alert" className="text-sm text-red-700">
          {state.fields?.token ?? state.error}
        </p>
      )}
      <button disabled={pending} className="w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
