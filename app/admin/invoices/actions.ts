"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/current-user";
import { changeInvoiceStatus, finalizeInvoiceNow } from "@/lib/billing/change-invoice-status";
import { retryInvoicePayment, type RetryResult } from "@/lib/billing/collection/retry-invoice-payment";
import { isAppError } from "@/lib/errors/app-error";
import type { InvoiceActionState } from "@/components/invoices/invoice-actions";

const DONE = {
  finalize: "Finalized.",
  void: "Voided.",
  mark_uncollectible: "Marked uncollectible.",
  mark_paid: "Marked paid (out of band).",
} as const;

function retried(r: RetryResult): InvoiceActionState {
  if (r.status === "failed")
    return { error: `Attempt ${r.attempt} failed: ${r.failureMessage ?? "declined"}` };
  if (r.status === "succeeded") return { ok: `Attempt ${r.attempt} succeeded.` };
  return { ok: `Attempt ${r.attempt} sent: the invoice is marked paid when Stripe confirms it.` };
}

/**
 * An admin finalizes a draft now, voids an invoice, marks it uncollectible or paid out of band, or retries its
 * payment now (the form's `action`). A refused
 * transition (409: the invoice moved on since the page was loaded) comes back as the form's error.
 */
export async function invoiceAction(_prev: InvoiceActionState, form: FormData): Promise<InvoiceActionState> {
  const admin = await requireAdmin();
  const customerId = String(form.get("customerId") ?? "");
  const invoiceId = String(form.get("invoiceId") ?? "");
  const action = String(form.get("action") ?? "");
  let done: InvoiceActionState;
  try {
    if (action === "finalize") await finalizeInvoiceNow(admin, customerId, invoiceId);
    else if (action === "void" || action === "mark_uncollectible" || action === "mark_paid")
      await changeInvoiceStatus(admin, customerId, invoiceId, action);
    else if (action !== "retry_payment") return { error: `Unknown action "${action}"` };
    done =
      action === "retry_payment"
        ? retried(await retryInvoicePayment(admin, customerId, invoiceId))
        : { ok: DONE[action] };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { error: e.message };
  }
  revalidatePath("/admin/invoices", "layout");
  return done;
}
