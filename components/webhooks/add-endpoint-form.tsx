"use client";

import { useActionState, useState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import { SecretOnce } from "./secret-once";

type SecretState = FormState<{ secret: string; endpointId: string }>;

export function AddEndpointForm({ action: addAction }: { action: FormAction<SecretState> }) {
  const [state, action, pending] = useActionState<SecretState, FormData>(addAction, null);
  const [all, setAll] = useState(true);
  const err = (name: string) =>
    state?.fields?.[name] && <span className="mt-1 block text-xs font-normal text-red-700">{state.fields[name]}</span>;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-3 text-lg font-semibold">Add an endpoint</h2>
      <form action={action} className="space-y-4">
        <div className="flex flex-wrap gap-3">
          <label className="grow text-sm font-medium">
            URL
            <input name="url" required placeholder="https://example.com/webhooks/meterly" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
            {err("url")}
          </label>
          <label className="grow text-sm font-medium">
            Description
            <input name="description" maxLength={500} placeholder="ERP sync" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
            {err("description")}
          </label>
        </div>
        <fieldset className="text-sm">
          <legend className="font-medium">Events</legend>
          <label className="mt-1 flex items-center gap-2">
            <input type="checkbox" name="all" checked={all} onChange={(e) => setAll(e.target.checked)} /> All events
          </label>
          {!all && (
            <div className="mt-2 grid grid-cols-2 gap-1 md:grid-cols-3">
              {WEBHOOK_EVENT_TYPES.map((t) => (
                <label key={t} className="flex items-center gap-2 font-mono text-xs">
                  <input type="checkbox" name="eventTypes" value={t} /> {t}
                </label>
              ))}
            </div>
          )}
          {err("eventTypes")}
        </fieldset>
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Adding…" : "Add endpoint"}
        </button>
      </form>
      {state?.error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.error}
        </p>
      )}
      {state?.secret && <SecretOnce secret={state.secret} what="the signing secret" />}
    </section>
  );
}
