import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";

/**
 * A member dismisses the Credits page's notice of a declined payment: kept on the purchase, so it stays
 * gone on every device. Another customer's purchase, or one without a decline, is 404.
 */
export async function dismissDeclineNotice(actor: Actor, customerId: string, purchaseId: string): Promise<void> {
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Notices are dismissed by a signed-in member");
  assertCanActForCustomer(actor, customerId);
  if (!isUuid(purchaseId)) throw new AppError("NOT_FOUND", "No such declined payment");
  const { count } = await prisma.creditPurchase.updateMany({
    where: { customerId, id: purchaseId, failureMessage: { not: null } },
    data: { noticeDismissedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "No such declined payment");
}
