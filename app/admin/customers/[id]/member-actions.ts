"use server";

import { revalidatePath } from "next/cache";
import { formAction, submitAction } from "@/lib/forms/form-action";
import { formFields } from "@/lib/forms/form-fields";
import { inviteMember } from "@/lib/members/invite-member";
import { sendPasswordReset } from "@/lib/members/send-password-reset";
import type { InviteState } from "@/components/members/invite-member-form";

/** An admin invites a member by email (lib checks the admin, the customer and the address). */
export async function inviteMemberAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  return formAction(form, {
    role: "admin",
    run: async (admin) => {
      const customerId = String(form.get("customerId") ?? "");
      const { email, emailed } = await inviteMember(admin, customerId, formFields(form));
      revalidatePath(`/admin/customers/${customerId}`);
      return { ok: emailed ? `Invitation sent to ${email}.` : `Invitation saved for ${email}, but email is off (SMTP_URL unset): nothing was sent.` };
    },
  });
}

/** An admin sends a member a password reset link (or, if they never accepted, the invitation again). */
export async function sendMemberLinkAction(form: FormData): Promise<void> {
  await submitAction("admin", async (admin) => {
    const customerId = String(form.get("customerId") ?? "");
    await sendPasswordReset(admin, customerId, String(form.get("userId") ?? ""));
    revalidatePath(`/admin/customers/${customerId}`);
  });
}
