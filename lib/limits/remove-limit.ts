import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { unstorableText } from "@/lib/errors/unstorable-text";
import { resolveAlerts } from "./resolve-alerts";

/** Removes one of the actor's limits of a customer (an admin's, or a member's own customer's); 404 when there is none. */
export async function removeLimit(actor: Actor, customerId: string, scope: string): Promise<void> {
  assertCanActForCustomer(actor, customerId);
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Limits are set by people, not API keys");
  const setBy = actor.role === "ADMIN" ? "ADMIN" : "CUSTOMER";
  // No scope holds NUL or a lone surrogate (a query with one fails): there is no such limit.
  if (unstorableText(scope, "scope")) throw new AppError("NOT_FOUND", `No ${setBy.toLowerCase()} limit on that scope`);
  await prisma.$transaction(async (tx) => {
    const gone = await tx.spendingLimit.deleteMany({ where: { customerId, scope, setBy } });
    if (gone.count === 0) throw new AppError("NOT_FOUND", `No ${setBy.toLowerCase()} limit on "${scope}"`);
    await recordAudit(actor, "limit.removed", customerId, { scope, setBy }, tx);
  });
  await resolveAlerts([customerId]);
}
