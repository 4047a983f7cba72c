"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/current-user";
import { saveBillingProfileForm } from "@/lib/billing/save-billing-profile-form";
import type { BillingFormState } from "@/components/invoices/billing-form-state";

/** An admin sets a customer's collection terms: net terms days and dunning (the customer id is checked by lib). */
export async function saveCollectionTermsAction(
  _prev: BillingFormState,
  form: FormData,
): Promise<BillingFormState> {
  const admin = await requireAdmin();
  const customerId = String(form.get("customerId") ?? "");
  const input = {
    netTermsDays: String(form.get("netTermsDays") ?? ""),
    dunningEnabled: form.get("dunningEnabled") === "on",
    creditNoteSettlement: String(form.get("creditNoteSettlement") ?? "BALANCE"),
  };
  const state = await saveBillingProfileForm(
    admin,
    customerId,
    input,
    "Collection terms saved. They apply to invoices finalized from now on.",
  );
  if (state.ok) revalidatePath(`/admin/customers/${customerId}`);
  return state;
}
