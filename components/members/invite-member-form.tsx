"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";

export type InviteState = FormState<{ ok: string }>;

/** The admin invites a member of this customer by email. */
export function InviteMemberForm({ customerId, action: inviteAction }: { customerId: string; action: FormAction<InviteState> }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(inviteAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Invite a member">
      <input type="hidden" name="customerId" value={customerId} />
      <label className="text-sm font-medium">
        Email
        <input name="email" type="email" required maxLength={254} placeholder="dev@customer.test" className="mt-1 block w-64 rounded-md border border-slate-300 px-3 py-2" />
        {state?.fields?.email && <span className="mt-1 block text-xs font-normal text-red-700">{state.fields.email}</span>}
      </label>
      <label className="text-sm font-medium">
        Name <span className="font-normal text-slate-500">(optional)</span>
        <input name="name" maxLength={120} className="mt-1 block w-48 rounded-md border border-slate-300 px-3 py-2" />
      </label>
      <button disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {pending ? "Sending…" : "Send invitation"}
      </button>
      {state?.ok && <p role="status" className="w-full text-sm text-green-700">{state.ok}</p>}
      {state?.error && <p role="alert" className="w-full text-sm text-red-700">{state.error}</p>}
    </form>
  );
}
