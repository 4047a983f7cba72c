import "server-only";
import { prisma } from "@/lib/db/client";
import { sendEmail } from "./send-email";

export type AdminEmail = { subject: string; text: string; html: string };

/**
 * Emails every admin user (role ADMIN) one message each, e.g. when a webhook endpoint was disabled. Returns the
 * addresses sent to; nothing is sent when email is off (SMTP_URL unset). A refused address does not stop the
 * others; the first error is thrown after trying them all, so a job running this can retry.
 */
export async function sendAdminEmail(message: AdminEmail): Promise<{ sentTo: string[] }> {
  const admins = await prisma.user.findMany({
    where: { role: "ADMIN" },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  const sentTo: string[] = [];
  let failure: unknown;
  for (const { email } of admins) {
    try {
      if ((await sendEmail({ ...message, to: email })) !== null) sentTo.push(email);
    } catch (e) {
      failure ??= e;
    }
  }
  if (failure) throw failure;
  return { sentTo };
}
