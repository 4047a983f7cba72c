import "server-only";
import { env } from "@/lib/env";
import { mailTransport } from "./mail-transport";

export type EmailMessage = { to: string; subject: string; text: string; html: string };

/**
 * Sends one message from MAIL_FROM through SMTP_URL and returns its Message-ID, or null when email is off
 * (SMTP_URL unset). Throws when the server refuses it, so the caller can retry.
 */
export async function sendEmail(message: EmailMessage): Promise<string | null> {
  const transport = mailTransport();
  if (!transport) return null;
  const info = await transport.sendMail({ from: env().MAIL_FROM, ...message });
  if (info.rejected.length > 0) throw new Error(`The SMTP server refused ${info.rejected.join(", ")}`);
  return info.messageId;
}
