"use server";

import { setPasswordWithToken } from "@/lib/members/set-password-with-token";
import { publicFormFailure } from "@/lib/members/public-form-state";
import { formFields } from "@/lib/forms/form-fields";
import type { SetPasswordState } from "@/components/members/set-password-form";

/** Public: sets a new password with a reset link's token (one time, 1 hour). */
export async function resetPasswordAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  try {
    const { email } = await setPasswordWithToken("RESET", formFields(form));
    return { ok: `Your password is changed. Sign in as ${email} with it.` };
  } catch (e) {
    return publicFormFailure(e);
  }
}
