import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { emailCategoryOf, isEmailedNotification } from "../email-categories";
import { sendEmail } from "../send-email";
import { notificationEmailContent } from "../templates/notification-email-content";
import { renderEmail } from "../templates/render-email";
import type { ClaimedNotification } from "./claim-notification-emails";
import { EmailLeaseLost, holdEmailLease } from "./hold-email-lease";
import { withMeterName } from "./with-meter-name";
import { notificationEmailRecipients, type EmailRecipient } from "./notification-email-recipients";

/**
 * Emails one claimed notification to each of its recipients who has not been sent it yet (a retry skips those
 * recorded in notification_emails), recording each send as the SMTP server accepts it. Tries every recipient;
 * throws the first failure after, so the notification stays unemailed and is retried. Before each send it
 * renews its claim, and stops (EmailLeaseLost) if another sweep has taken the notification over, so a slow
 * server cannot make two sweeps mail one recipient twice. Returns how many it sent.
 */
export async function emailNotification(n: ClaimedNotification): Promise<number> {
  if (!isEmailedNotification(n.kind, n.payload)) return 0;
  const [customer, recipients, done, payload] = await Promise.all([
    prisma.customer.findUnique({ where: { id: n.customerId }, select: { name: true } }),
    notificationEmailRecipients(n.customerId, emailCategoryOf(n.kind)),
    prisma.notificationEmail.findMany({
      where: { customerId: n.customerId, notificationId: n.id },
      select: { recipient: true },
    }),
    withMeterName(n.payload),
  ]);
  const customerName = customer?.name ?? "your account";
  const content = notificationEmailContent(n.kind, payload, customerName);
  const appUrl = env().APP_URL;
  const sentBefore = new Set(done.map((d) => d.recipient));
  let sent = 0;
  let failure: unknown;
  for (const r of recipients) {
    if (sentBefore.has(r.address)) continue;
    if (!(await holdEmailLease(n)))
      throw new EmailLeaseLost(`Notification ${n.id} was claimed by another sweep`);
    try {
      const email = renderEmail(content, { appUrl, footer: footerFor(r, customerName, appUrl) });
      const messageId = await sendEmail({ to: r.address, ...email });
      if (messageId === null) throw new Error("Email is off (SMTP_URL is unset)");
      await prisma.notificationEmail.create({
        data: { customerId: n.customerId, notificationId: n.id, recipient: r.address, messageId },
      });
      sent++;
    } catch (e) {
      failure ??= e;
    }
  }
  if (failure) throw failure;
  return sent;
}

function footerFor(r: EmailRecipient, customerName: string, appUrl: string): string[] {
  const base = appUrl.replace(/\/+$/, "");
  return r.as === "member"
    ? [
        `You get this email as a member of ${customerName}.`,
        `Choose which emails you get: ${base}/settings/notifications`,
      ]
    : [
        `Sent to the billing email of ${customerName}.`,
        `Change it in your billing details: ${base}/settings/billing`,
      ];
}
