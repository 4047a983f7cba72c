"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors/app-error";
import { archiveMeter } from "@/lib/metering/meters/archive-meter";
import { createMeter } from "@/lib/metering/meters/create-meter";
import { updateMeter } from "@/lib/metering/meters/update-meter";
import { problemsByField } from "@/lib/errors/problems-by-field";
import { meterInputFromForm } from "@/lib/metering/meters/meter-form-input";

export type MeterFormState = { error?: string; fields?: Record<string, string> } | null;

/** Server actions read the acting admin from the session; the meter id is checked by the lib functions. */
export async function createMeterAction(_prev: MeterFormState, form: FormData): Promise<MeterFormState> {
  const admin = await requireAdmin();
  const failed = await attempt(form, async (input) => {
    await createMeter(admin, input);
  });
  if (failed) return failed;
  revalidatePath("/admin/meters");
  redirect(`/admin/meters?saved=${encodeURIComponent(String(form.get("key") ?? ""))}`);
}

export async function updateMeterAction(_prev: MeterFormState, form: FormData): Promise<MeterFormState> {
  const admin = await requireAdmin();
  const id = String(form.get("id") ?? "");
  let key = "";
  const failed = await attempt(form, async (input) => {
    key = (await updateMeter(admin, id, input)).key;
  });
  if (failed) return failed;
  revalidatePath("/admin/meters");
  redirect(`/admin/meters?saved=${encodeURIComponent(key)}`);
}

export async function archiveMeterAction(form: FormData): Promise<void> {
  const admin = await requireAdmin();
  await archiveMeter(admin, String(form.get("id") ?? ""));
  revalidatePath("/admin/meters");
  redirect("/admin/meters");
}

/** Runs a meter change; a domain error comes back as the form's state (messages per field), others are thrown. */
async function attempt(form: FormData, run: (input: Record<string, unknown>) => Promise<void>): Promise<MeterFormState> {
  const parsed = meterInputFromForm(form);
  if (!parsed.ok) return { error: "Fix the highlighted fields.", fields: problemsByField(parsed.problems) };
  try {
    await run(parsed.input);
    return null;
  } catch (e) {
    if (!isAppError(e)) throw e;
    const fields = problemsByField(e.problems);
    return { error: Object.keys(fields).length && e.code === "UNPROCESSABLE" ? "Fix the highlighted fields." : e.message, fields };
  }
}
