import "server-only";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * Brings the stored statuses up to `now` (under the customer lock): an ACTIVE subscription whose end
 * has passed is ENDED, then a SCHEDULED one whose start has passed becomes ACTIVE. Rating never reads
 * the status (it goes by dates), so a status settled late changes nothing that was charged.
 */
export async function settleSubscriptions(tx: Prisma.TransactionClient, customerId: string, now: Date): Promise<void> {
  await tx.subscription.updateMany({ where: { customerId, status: "ACTIVE", endsAt: { lte: now } }, data: { status: "ENDED" } });
  await tx.subscription.updateMany({ where: { customerId, status: "SCHEDULED", startedAt: { lte: now } }, data: { status: "ACTIVE" } });
}
