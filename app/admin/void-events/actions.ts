"use server";

import { revalidatePath } from "next/cache";
import { correctAfterVoid } from "@/lib/billing/corrections/correct-after-void";
import { resolveAlertsAfterVoid } from "@/lib/limits/resolve-after-void";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { voidEvents, type VoidResult } from "@/lib/metering/voids/void-events";
import { voidInputFromForm } from "@/lib/metering/voids/void-form-input";

type VoidFormState = FormState<{ result: VoidResult }>;

/** Voids events as the signed-in admin; who voids is never taken from the form. */
export async function voidEventsAction(_prev: VoidFormState, form: FormData): Promise<VoidFormState> {
  return formAction(form, {
    role: "admin",
    run: async (admin) => {
      const result = await voidEvents(admin, voidInputFromForm(form));
      await correctAfterVoid(result.customer, result.voided);
      await resolveAlertsAfterVoid(result.customer, result.voided);
      revalidatePath("/admin/void-events");
      return { result };
    },
  });
}
