"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createCreditPack } from "@/lib/credit-packs/create-credit-pack";
import { packInputFromForm } from "@/lib/credit-packs/pack-form-input";
import { updateCreditPack } from "@/lib/credit-packs/update-credit-pack";
import { formAction, formInput } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";

type PackFormState = FormState<object>;

/** Creates or (with an id) updates a pack; the admin is read from the session, the pack id checked by lib. */
export async function savePackAction(_prev: PackFormState, form: FormData): Promise<PackFormState> {
  return formAction(form, {
    role: "admin",
    run: async (admin) => {
      const id = String(form.get("id") ?? "");
      const input = formInput(packInputFromForm(form));
      const { name } = id ? await updateCreditPack(admin, id, input) : await createCreditPack(admin, input);
      revalidatePath("/admin/credit-packs");
      redirect(`/admin/credit-packs?saved=${encodeURIComponent(name)}`);
    },
  });
}
