"use server";

import { revalidatePath } from "next/cache";
import { formAction, submitAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { limitFormFields } from "@/lib/limits/limit-form-fields";
import { removeLimit } from "@/lib/limits/remove-limit";
import { setLimit } from "@/lib/limits/set-limit";

/** Sets the admin's limit (the ceiling of the customer's own) on one scope of a customer. */
export async function setAdminLimitAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    role: "admin",
    schema: limitFormFields,
    run: async (admin, { customerId, input }) => {
      await setLimit(admin, customerId, input);
      revalidatePath(`/admin/customers/${customerId}`);
      return { ok: "Saved. It applies to usage from now on." };
    },
  });
}

/** Removes the admin's limit on one scope of a customer. */
export async function removeAdminLimitAction(form: FormData): Promise<void> {
  await submitAction("admin", async (admin) => {
    const customerId = String(form.get("customerId") ?? "");
    await removeLimit(admin, customerId, String(form.get("scope") ?? ""));
    revalidatePath(`/admin/customers/${customerId}`);
  });
}
