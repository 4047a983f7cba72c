"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/current-user";
import { changeInvoiceStatus, finalizeInvoiceNow } from "@/lib/billing/change-invoice-status";
import { isAppError } from "@/lib/errors/app-error";
import type { InvoiceActionState } from "@/components/invoices/invoice-actions";

const DONE = {
  finalize: "Finalized.",
  void: "Voided.",
  mark_uncollectible: "Marked uncollectible.",
} as const;

/**
 * An admin finalizes a draft now, voids an invoice or marks it uncollectible (the form's `action`). A refused
 * transition (409: the invoice moved on since the page was loaded) comes back as the form's error.
 */
export async function invoiceAction(_prev: InvoiceActionState, form: FormData): Promise<InvoiceActionState> {
  const admin = await requireAdmin();
  const customerId = String(form.get("customerId") ?? "");
  const invoiceId = String(form.get("invoiceId") ?? "");
  const action = String(form.get("action") ?? "");
  try {
    if (action === "finalize") await finalizeInvoiceNow(admin, customerId, invoiceId);
    else if (action === "void" || action === "mark_uncollectible")
      await changeInvoiceStatus(admin, customerId, invoiceId, action);
    else return { error: `Unknown action "${action}"` };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { error: e.message };
  }
  revalidatePath("/admin/invoices", "layout");
  return { ok: DONE[action] };
}
