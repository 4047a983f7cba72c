import "server-only";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { emailPreferencesForm } from "./email-preferences-input";
import { saveEmailPreferences } from "./save-email-preferences";

/** The email settings form, submitted by a member for their own customer (from the session, never the form). */
export async function submitEmailPreferences(form: FormData): Promise<FormState> {
  return formAction(form, {
    role: "member",
    schema: emailPreferencesForm,
    run: async (member, prefs) => {
      await saveEmailPreferences(member, member.customerId, prefs);
      return { ok: "Email settings saved." };
    },
  });
}
