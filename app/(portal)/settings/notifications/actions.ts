"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/form-state";
import { submitEmailPreferences } from "@/lib/notify/email/preferences/submit-email-preferences";

/** The member saves which emails they get for their own customer (the customer comes from the session). */
export async function saveEmailPreferencesAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await submitEmailPreferences(form);
  if (state?.ok) revalidatePath("/settings/notifications");
  return state;
}
