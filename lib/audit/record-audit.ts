import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { auditCustomerId } from "./audit-actions";

type Tx = Prisma.TransactionClient;

/**
 * Appends to the audit log who did what, to what, and why. Pass `tx` to record inside the change's
 * transaction. The customer the row concerns (for the audit log's customer filter) is `details.customerId`,
 * or the target for actions that target a customer (audit-actions.ts).
 */
export async function recordAudit(
  actor: Actor,
  action: string,
  target: string | null,
  details: Record<string, unknown> = {},
  tx: Tx = prisma,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorKind: actor.kind,
      actorId: actor.kind === "user" ? actor.userId : actor.apiKeyId,
      action,
      target,
      customerId: auditCustomerId(action, target, details),
      details: details as Prisma.InputJsonValue,
    },
  });
}
