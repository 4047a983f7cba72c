"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { issueManualCreditNote } from "@/lib/billing/credit-notes/issue-manual-credit-note";
import { formAction } from "@/lib/forms/form-action";
import { formText } from "@/lib/forms/form-fields";
import type { FormState } from "@/lib/forms/form-state";

const fields = z.object({
  customerId: formText,
  invoiceId: formText,
  amount: formText,
  reason: formText,
  settlement: formText,
});

/** Issues an admin's credit note on a finalized invoice (admins only, checked in lib; audited). */
export async function issueCreditNoteAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    role: "admin",
    schema: fields,
    run: async (admin, { customerId, invoiceId, amount, reason, settlement }) => {
      const note = await issueManualCreditNote(admin, customerId, invoiceId, { amount, reason, settlement });
      revalidatePath("/admin/invoices", "layout");
      const refund = note.refundedToCardMinor > 0n ? " The card refund is on its way." : "";
      return { ok: `Credit note ${note.number} issued.${refund}` };
    },
  });
}
