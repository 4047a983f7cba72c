"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";

type ReplayState = FormState<{ ok: string }>;

/** Sends every event of a time range (UTC) again. */
export function ReplayForm({ endpointId, action: replayAction }: { endpointId: string; action: FormAction<ReplayState> }) {
  const [state, action, pending] = useActionState<ReplayState, FormData>(replayAction, null);
  const err = (name: string) => state?.fields?.[name] && <span className="mt-1 block text-xs font-normal text-red-700">{state.fields[name]}</span>;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 text-sm">
      <input type="hidden" name="id" value={endpointId} />
      <label className="font-medium">
        From (UTC)
        <input type="datetime-local" name="from" required className="mt-1 block rounded-md border border-slate-300 px-3 py-1" />
        {err("from")}
      </label>
      <label className="font-medium">
        To (UTC)
        <input type="datetime-local" name="to" required className="mt-1 block rounded-md border border-slate-300 px-3 py-1" />
        {err("to")}
      </label>
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-60">
        {pending ? "Replaying…" : "Replay"}
      </button>
      {state?.ok && <p role="status" className="text-green-800">{state.ok}</p>}
      {state?.error && (
        <p role="alert" className="text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
