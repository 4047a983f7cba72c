"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import { SecretOnce } from "./secret-once";

type SecretState = FormState<{ secret: string; endpointId: string }>;

export function RotateSecretForm({ endpointId, action: rotateAction }: { endpointId: string; action: FormAction<SecretState> }) {
  const [state, action, pending] = useActionState<SecretState, FormData>(rotateAction, null);
  return (
    <div>
      <form action={action}>
        <input type="hidden" name="id" value={endpointId} />
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60">
          {pending ? "Rotating…" : "Rotate secret"}
        </button>
      </form>
      {state?.error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      {state?.secret && <SecretOnce secret={state.secret} what="the new secret" />}
    </div>
  );
}
