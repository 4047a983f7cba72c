import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors/app-error";
import { unstorableText } from "@/lib/errors/unstorable-text";
import { problemsByField } from "@/lib/errors/problems-by-field";
import { updateBillingProfile } from "./billing-profile";

export type BillingProfileFormResult = { ok?: string; error?: string; fields?: Record<string, string> };

/** updateBillingProfile for a form: a refused update comes back as the form's state (422 problems per field), not thrown. */
export async function saveBillingProfileForm(
  actor: Actor,
  customerId: string,
  input: Record<string, unknown>,
  ok: string,
): Promise<BillingProfileFormResult> {
  // Text no column can store (NUL, a lone surrogate) is the field's error, not the database's.
  const unstorable = unstorableText(input, "");
  if (unstorable) return { error: "Fix the highlighted fields.", fields: { [unstorable.field.split(".")[0]]: unstorable.message } };
  try {
    await updateBillingProfile(actor, customerId, input);
    return { ok };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const fields = problemsByField(e.problems);
    return { error: Object.keys(fields).length ? "Fix the highlighted fields." : e.message, fields };
  }
}
