import "server-only";
import { env } from "@/lib/env";
import { sendEmail } from "@/lib/notify/email/send-email";
import { renderEmail } from "@/lib/notify/email/templates/render-email";

type LinkEmail = { to: string; purpose: "INVITE" | "RESET"; token: string; customerName: string };

/**
 * Emails a member their one-time link (APP_URL + /accept-invite or /reset-password, the token in the
 * query). Returns false when email is off (SMTP_URL unset); throws when the SMTP server refuses it.
 */
export async function sendMemberLinkEmail({ to, purpose, token, customerName }: LinkEmail): Promise<boolean> {
  const path = `${purpose === "INVITE" ? "/accept-invite" : "/reset-password"}?token=${encodeURIComponent(token)}`;
  const content =
    purpose === "INVITE"
      ? {
          subject: `You're invited to ${customerName} on Meterly`,
          heading: `Join ${customerName} on Meterly`,
          paragraphs: [
            `You have been invited to see ${customerName}'s usage, credits and invoices. Choose a password to accept.`,
            "The link works once and expires in 7 days. If you did not expect it, ignore this email.",
          ],
          details: [] as [string, string][],
          action: { label: "Accept the invitation", path },
        }
      : {
          subject: "Reset your Meterly password",
          heading: "Reset your password",
          paragraphs: [
            "Someone asked to reset the password of your Meterly account. Choose a new one with the link below.",
            "The link works once and expires in 1 hour. If you did not ask for it, ignore this email: your password stays as it is.",
          ],
          details: [] as [string, string][],
          action: { label: "Choose a new password", path },
        };
  const rendered = renderEmail(content, { appUrl: env().APP_URL, footer: [`You get this email as a member of ${customerName}.`] });
  return (await sendEmail({ to, ...rendered })) !== null;
}
