"use client";

import { useActionState } from "react";
import type { InvoiceStatusDto } from "@/lib/billing/invoice-dto";
import { FormResult } from "./form-result";

export type InvoiceActionState = { ok?: string; error?: string } | null;

const button = "rounded-md border px-3 py-1.5 text-sm disabled:opacity-50";

/**
 * The admin's buttons for what the invoice's status allows: finalize a draft; void, mark paid (out of band) or
 * retry the payment of an open or uncollectible one; mark an open one uncollectible.
 */
export function InvoiceActions({
  customerId,
  invoiceId,
  status,
  action,
}: {
  customerId: string;
  invoiceId: string;
  status: InvoiceStatusDto;
  action: (prev: InvoiceActionState, form: FormData) => Promise<InvoiceActionState>;
}) {
  const [state, submit, busy] = useActionState<InvoiceActionState, FormData>(action, null);
  return (
    <form action={submit} className="flex flex-wrap items-center gap-2" data-testid="invoice-actions">
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="invoiceId" value={invoiceId} />
      {status === "draft" && (
        <button
          name="action"
          value="finalize"
          disabled={busy}
          className={`${button} border-indigo-600 bg-indigo-600 text-white hover:bg-indigo-500`}
        >
          Finalize now
        </button>
      )}
      {(status === "open" || status === "uncollectible") && (
        <button
          name="action"
          value="void"
          disabled={busy}
          className={`${button} border-slate-300 hover:bg-slate-50`}
        >
          Void
        </button>
      )}
      {(status === "open" || status === "uncollectible") && (
        <button
          name="action"
          value="retry_payment"
          disabled={busy}
          className={`${button} border-indigo-600 bg-indigo-600 text-white hover:bg-indigo-500`}
        >
          Retry payment now
        </button>
      )}
      {(status === "open" || status === "uncollectible") && (
        <button
          name="action"
          value="mark_paid"
          disabled={busy}
          onClick={(e) => {
            if (!window.confirm("Record that this invoice was paid outside Stripe (e.g. a bank transfer)?"))
              e.preventDefault();
          }}
          className={`${button} border-slate-300 hover:bg-slate-50`}
        >
          Mark paid (out of band)
        </button>
      )}
      {status === "open" && (
        <button
          name="action"
          value="mark_uncollectible"
          disabled={busy}
          className={`${button} border-slate-300 hover:bg-slate-50`}
        >
          Mark uncollectible
        </button>
      )}
      {busy && <span className="text-sm text-slate-500">Working…</span>}
      <FormResult state={state} />
    </form>
  );
}
