"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import { CopyButton } from "./copy-button";

type CreateKeyState = FormState<{ secret: string; prefix: string; scope: string }>;

const SCOPES = [
  { value: "FULL", label: "Full: send usage and read" },
  { value: "INGEST", label: "Ingest: send usage only" },
  { value: "READ", label: "Read: GET routes only" },
];

export function CreateApiKeyForm({
  customers,
  action: createApiKeyAction,
}: {
  customers: { id: string; name: string }[];
  action: FormAction<CreateKeyState>;
}) {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction, null);
  const err = (name: string) =>
    state?.fields?.[name] && (
      <span className="mt-1 block text-xs font-normal text-red-700">{state.fields[name]}</span>
    );
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          Name
          <input
            name="name"
            required
            maxLength={100}
            placeholder="production ingest"
            className="mt-1 block rounded-md border border-slate-300 px-3 py-2"
          />
          {err("name")}
        </label>
        <label className="text-sm font-medium">
          Limited to customer
          <select name="customerId" className="mt-1 block rounded-md border border-slate-300 px-3 py-2">
            <option value="">Any customer</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {err("customerId")}
        </label>
        <label className="text-sm font-medium">
          Scope
          <select name="scope" defaultValue="FULL" className="mt-1 block rounded-md border border-slate-300 px-3 py-2">
            {SCOPES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          {err("scope")}
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? "Creating…" : "Create key"}
        </button>
      </form>
      {state?.error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.error}
        </p>
      )}
      {state?.secret && (
        <div className="mt-4 rounded-md bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">
            Copy this {state.scope ? `${state.scope.toLowerCase()} ` : ""}key now: it is shown only once.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <code data-testid="new-api-key" className="break-all font-mono text-slate-900">
              {state.secret}
            </code>
            <CopyButton text={state.secret} label="Copy key" />
          </div>
        </div>
      )}
    </section>
  );
}
