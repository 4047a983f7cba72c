import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";

/**
 * Sends one delivery again, now, with a fresh schedule of attempts (its earlier attempts stay in the log). The
 * event keeps its id and sequence, so the receiver can tell it has seen it.
 */
export async function resendDelivery(actor: Actor, endpointId: string, deliveryId: string, now = new Date()): Promise<void> {
  assertAdmin(actor);
  const id = /^\d{1,18}$/.test(deliveryId) ? BigInt(deliveryId) : null;
  const done = id
    ? await prisma.$transaction(async (tx) => {
        const res = await tx.webhookDelivery.updateMany({
          where: { id, endpointId },
          data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lockedUntil: null },
        });
        if (res.count) await recordAudit(actor, "webhook_delivery.resent", deliveryId, { endpointId }, tx);
        return res.count;
      })
    : 0;
  if (!done) throw new AppError("NOT_FOUND", "No such delivery for this endpoint");
}
