"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/forms/form-action";
import { formText } from "@/lib/forms/form-fields";
import type { FormState } from "@/lib/forms/form-state";
import { adjustCredits } from "@/lib/ledger/adjust-credits";
import { grantPromotionalCredits } from "@/lib/ledger/grant-promotional-credits";

type CreditChangeState = FormState;

const promotionalFields = z.object({
  customerId: formText,
  amount: formText,
  expiresAt: formText,
  description: formText,
});
const adjustmentFields = z.object({ customerId: formText, amount: formText, reason: formText });

/** Grants promotional credits; the customer id is checked by lib (admins only). */
export async function grantPromotionalAction(
  _prev: CreditChangeState,
  form: FormData,
): Promise<CreditChangeState> {
  return formAction(form, {
    role: "admin",
    schema: promotionalFields,
    run: async (admin, { customerId, amount, expiresAt, description }) => {
      await grantPromotionalCredits(admin, customerId, { amount, expiresAt: expiresAt || null, description });
      revalidatePath(`/admin/customers/${customerId}`);
      return { ok: `Granted ${amount} in promotional credits.` };
    },
  });
}

/** Adjusts the balance up or down with a reason (audited). */
export async function adjustCreditsAction(
  _prev: CreditChangeState,
  form: FormData,
): Promise<CreditChangeState> {
  return formAction(form, {
    role: "admin",
    schema: adjustmentFields,
    run: async (admin, { customerId, amount, reason }) => {
      await adjustCredits(admin, customerId, { amount, reason });
      revalidatePath(`/admin/customers/${customerId}`);
      return { ok: `Adjusted the balance by ${amount}.` };
    },
  });
}
