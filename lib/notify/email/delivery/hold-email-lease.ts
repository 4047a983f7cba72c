import "server-only";
import { prisma } from "@/lib/db/client";
import { EMAIL_LEASE_SECONDS, type ClaimedNotification } from "./claim-notification-emails";

/** This sweep's claim on a notification ran out and another sweep claimed it: this one must stop. */
export class EmailLeaseLost extends Error {
  override name = "EmailLeaseLost";
}

/**
 * The claim's attempt number is its fencing token: a notification whose lease ran out can be claimed again
 * (email_attempts + 1), and then only the newer claim may send or mark it. Renews this claim's lease; false when
 * it is no longer this sweep's (claimed again, or already emailed).
 */
export async function holdEmailLease(n: ClaimedNotification): Promise<boolean> {
  const { count } = await prisma.notification.updateMany({
    where: { customerId: n.customerId, id: n.id, emailAttempts: n.attempts, emailedAt: null },
    data: { emailRetryAt: new Date(Date.now() + EMAIL_LEASE_SECONDS * 1000) },
  });
  return count === 1;
}
