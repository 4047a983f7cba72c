"use server";

import { requestPasswordReset } from "@/lib/members/request-password-reset";
import { publicFormFailure } from "@/lib/members/public-form-state";
import type { ForgotState } from "@/components/members/forgot-password-form";

const FORGOT_ANSWER = "If that email belongs to a member, a link to choose a new password is on its way. It works once, for 1 hour.";

/** Public: asks for a reset link. The answer never says whether the email has an account. */
export async function forgotPasswordAction(_prev: ForgotState, form: FormData): Promise<ForgotState> {
  try {
    await requestPasswordReset({ email: form.get("email") });
    return { ok: FORGOT_ANSWER };
  } catch (e) {
    return publicFormFailure(e);
  }
}
