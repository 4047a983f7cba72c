"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, formInput, submitAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { archiveMeter } from "@/lib/metering/meters/archive-meter";
import { createMeter } from "@/lib/metering/meters/create-meter";
import { updateMeter } from "@/lib/metering/meters/update-meter";
import { meterInputFromForm } from "@/lib/metering/meters/meter-form-input";

type MeterFormState = FormState<object>;

/** Server actions read the acting admin from the session; the meter id is checked by the lib functions. */
export async function createMeterAction(_prev: MeterFormState, form: FormData): Promise<MeterFormState> {
  return formAction(form, {
    role: "admin",
    run: async (admin) => {
      await createMeter(admin, formInput(meterInputFromForm(form)));
      saved(String(form.get("key") ?? ""));
    },
  });
}

export async function updateMeterAction(_prev: MeterFormState, form: FormData): Promise<MeterFormState> {
  return formAction(form, {
    role: "admin",
    run: async (admin) => {
      const meter = await updateMeter(
        admin,
        String(form.get("id") ?? ""),
        formInput(meterInputFromForm(form)),
      );
      saved(meter.key);
    },
  });
}

export async function archiveMeterAction(form: FormData): Promise<void> {
  await submitAction("admin", async (admin) => {
    await archiveMeter(admin, String(form.get("id") ?? ""));
    revalidatePath("/admin/meters");
    redirect("/admin/meters");
  });
}

function saved(key: string): never {
  revalidatePath("/admin/meters");
  redirect(`/admin/meters?saved=${encodeURIComponent(key)}`);
}
