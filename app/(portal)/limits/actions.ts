"use server";

import { revalidatePath } from "next/cache";
import { formAction, submitAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { limitFormFields } from "@/lib/limits/limit-form-fields";
import { removeLimit } from "@/lib/limits/remove-limit";
import { setLimit } from "@/lib/limits/set-limit";

/** Sets the member's own limit for their customer (never above the admin's cap: checked in lib). */
export async function setOwnLimitAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    role: "member",
    schema: limitFormFields,
    run: async (member, { input }) => {
      await setLimit(member, member.customerId, input);
      revalidatePath("/limits");
      return { ok: "Saved. It applies to usage from now on." };
    },
  });
}

/** Removes the member's own limit on one scope. */
export async function removeOwnLimitAction(form: FormData): Promise<void> {
  await submitAction("member", async (member) => {
    await removeLimit(member, member.customerId, String(form.get("scope") ?? ""));
    revalidatePath("/limits");
  });
}
