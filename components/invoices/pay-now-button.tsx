"use client";

import { useActionState } from "react";

export type PayNowState = { error?: string } | null;

/** "Pay now": opens Stripe's payment page for the invoice's amount due (the action redirects there). */
export function PayNowButton({
  invoiceId,
  action,
  className = "",
}: {
  invoiceId: string;
  action: (prev: PayNowState, form: FormData) => Promise<PayNowState>;
  className?: string;
}) {
  const [state, submit, busy] = useActionState<PayNowState, FormData>(action, null);
  return (
    <form action={submit} className={`flex flex-wrap items-center gap-2 ${className}`}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <button
        disabled={busy}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {busy ? "Opening the payment page…" : "Pay now"}
      </button>
      {state?.error && (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
