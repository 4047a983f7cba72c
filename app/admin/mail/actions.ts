"use server";

import { revalidatePath } from "next/cache";
import { submitAction } from "@/lib/forms/form-action";
import { clearCaughtEmails } from "@/lib/notify/email/catcher/clear-caught-emails";

/** Deletes every caught message (the Mail page's "Delete all"). */
export async function clearMailAction(): Promise<void> {
  await submitAction("admin", async (admin) => {
    await clearCaughtEmails(admin);
    revalidatePath("/admin/mail");
  });
}
