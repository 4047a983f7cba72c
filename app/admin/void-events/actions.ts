"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors/app-error";
import { voidEvents, type VoidResult } from "@/lib/metering/voids/void-events";
import { voidInputFromForm } from "@/lib/metering/voids/void-form-input";
import { problemsByField } from "@/lib/errors/problems-by-field";

export type VoidFormState = { result?: VoidResult; error?: string; fields?: Record<string, string> } | null;

/** Voids events as the signed-in admin; who voids is never taken from the form. */
export async function voidEventsAction(_prev: VoidFormState, form: FormData): Promise<VoidFormState> {
  const admin = await requireAdmin();
  try {
    const result = await voidEvents(admin, voidInputFromForm(form));
    revalidatePath("/admin/void-events");
    return { result };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { error: e.message, fields: problemsByField(e.problems) };
  }
}
