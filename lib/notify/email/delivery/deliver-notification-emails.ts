import "server-only";
import { prisma } from "@/lib/db/client";
import { mailTransport } from "../mail-transport";
import { claimNotificationEmails, MAX_EMAIL_ATTEMPTS } from "./claim-notification-emails";
import { emailNotification } from "./email-notification";
import { EmailLeaseLost } from "./hold-email-lease";
import { isSmtpServerDown, releaseEmailClaims } from "./release-email-claims";
import { skipUnemailedNotifications } from "./skip-unemailed-notifications";

export type EmailSweep = { notifications: number; emails: number; failed: number };

/** Back-off after a failed attempt: 30 s, 1, 2, 4... minutes, at most an hour. */
const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);

/**
 * The email step of the background sweep: marks the webhook-only kinds done (no email), then claims the
 * outbox's notifications not yet emailed, emails each to
 * its recipients and marks it emailed (emailed_at); a failure records the error and leaves it for a later
 * sweep (after a back-off), where only the recipients not yet sent it are sent it; when the SMTP server is down,
 * the rest of the batch is given back untried. Does nothing when email is
 * off (SMTP_URL unset). Safe with sweeps running at once (claimNotificationEmails). Tests call it directly,
 * with `customerId` to keep to their own customer.
 */
export async function deliverNotificationEmails(
  opts: { limit?: number; customerId?: string } = {},
): Promise<EmailSweep> {
  const sweep: EmailSweep = { notifications: 0, emails: 0, failed: 0 };
  if (!mailTransport()) return sweep;
  await skipUnemailedNotifications(5_000, opts.customerId);
  const claimed = await claimNotificationEmails(opts.limit ?? 50, opts.customerId);
  for (const [i, n] of claimed.entries()) {
    // Only while the claim is still this sweep's (its attempt number), so a sweep that was taken over marks nothing.
    const where = { customerId: n.customerId, id: n.id, emailAttempts: n.attempts, emailedAt: null };
    try {
      sweep.emails += await emailNotification(n);
      await prisma.notification.updateMany({
        where,
        data: { emailedAt: new Date(), emailRetryAt: null, emailError: null },
      });
      sweep.notifications++;
    } catch (e) {
      if (e instanceof EmailLeaseLost) continue;
      const message = e instanceof Error ? e.message : String(e);
      const last = n.attempts >= MAX_EMAIL_ATTEMPTS;
      console.error(
        `email for notification ${n.kind} ${n.id} failed (attempt ${n.attempts}/${MAX_EMAIL_ATTEMPTS}${last ? ", giving up" : ""}):`,
        message,
      );
      await prisma.notification.updateMany({
        where,
        data: {
          emailError: message.slice(0, 2000),
          emailRetryAt: new Date(Date.now() + retryDelayMs(n.attempts)),
        },
      });
      sweep.failed++;
      if (isSmtpServerDown(e)) {
        // The server is unreachable: the rest of the batch waits for the next try instead of timing out in turn.
        await releaseEmailClaims(claimed.slice(i + 1), retryDelayMs(1));
        break;
      }
    }
  }
  return sweep;
}
