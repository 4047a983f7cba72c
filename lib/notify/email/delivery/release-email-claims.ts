import "server-only";
import { prisma } from "@/lib/db/client";
import type { ClaimedNotification } from "./claim-notification-emails";

/** Server-wide SMTP failures (nodemailer's codes): no other message would get through now either. */
const SERVER_DOWN = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "EAUTH", "ETLS", "EPROTOCOL"]);

/** Whether an SMTP error means the server cannot be used at all (not one refused recipient or message). */
export function isSmtpServerDown(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && SERVER_DOWN.has(code);
}

/**
 * Gives back claims a sweep will not try (the SMTP server is down): their attempt is not counted and they are
 * due again in `delayMs`. Only claims still this sweep's (their attempt number) are released.
 */
export async function releaseEmailClaims(
  claims: readonly ClaimedNotification[],
  delayMs: number,
): Promise<void> {
  for (const n of claims) {
    await prisma.notification.updateMany({
      where: { customerId: n.customerId, id: n.id, emailAttempts: n.attempts, emailedAt: null },
      data: { emailAttempts: { decrement: 1 }, emailRetryAt: new Date(Date.now() + delayMs) },
    });
  }
}
