"use server";

import { revalidatePath } from "next/cache";
import { requireMember } from "@/lib/auth/current-user";
import { saveBillingProfileForm } from "@/lib/billing/save-billing-profile-form";
import type { BillingFormState } from "@/components/invoices/billing-form-state";

const BILLING_DETAIL_FIELDS = [
  "legalName",
  "email",
  "addressLine1",
  "addressLine2",
  "city",
  "postalCode",
  "region",
  "country",
] as const;

/** The member saves their own customer's billing details (the customer comes from the session, never the form). */
export async function saveBillingDetailsAction(
  _prev: BillingFormState,
  form: FormData,
): Promise<BillingFormState> {
  const user = await requireMember();
  const input = Object.fromEntries(BILLING_DETAIL_FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
  const state = await saveBillingProfileForm(
    user,
    user.customerId,
    input,
    "Billing details saved. New invoices are addressed to them.",
  );
  if (state.ok) revalidatePath("/settings/billing");
  return state;
}
