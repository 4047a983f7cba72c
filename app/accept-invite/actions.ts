"use server";

import { setPasswordWithToken } from "@/lib/members/set-password-with-token";
import { publicFormFailure } from "@/lib/members/public-form-state";
import { formFields } from "@/lib/forms/form-fields";
import type { SetPasswordState } from "@/components/members/set-password-form";

/** Public: accepts an invitation by choosing a password with its token (one time, 7 days). */
export async function acceptInviteAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  try {
    const { email } = await setPasswordWithToken("INVITE", formFields(form));
    return { ok: `Welcome! Your account is ready: sign in as ${email}.` };
  } catch (e) {
    return publicFormFailure(e);
  }
}
