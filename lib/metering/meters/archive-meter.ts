import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";
import { recordAudit } from "@/lib/audit/record-audit";
import { forgetActiveMeters } from "./active-meters-cache";

/**
 * Archives a meter: it stops counting new events (an event type left with no active meter is rejected),
 * its usage stays readable, and its key stays taken. Archiving cannot be undone: create a new meter.
 */
export async function archiveMeter(actor: Actor, meterId: string) {
  assertAdmin(actor);
  if (!isUuid(meterId)) throw new AppError("NOT_FOUND", "No such meter");
  const meter = await prisma.$transaction(async (tx) => {
    const current = await tx.meter.findUnique({ where: { id: meterId } });
    if (!current) throw new AppError("NOT_FOUND", "No such meter");
    if (current.archivedAt) throw new AppError("CONFLICT", `Meter "${current.key}" is already archived`);
    // The database clock, like the ingest transactions' received_at, so the two compare.
    await tx.$executeRaw`UPDATE meters SET archived_at = now(), updated_at = now() WHERE id = ${meterId}::uuid`;
    await recordAudit(actor, "meter.archived", meterId, { key: current.key }, tx);
    return tx.meter.findUniqueOrThrow({ where: { id: meterId } });
  });
  await forgetActiveMeters();
  return meter;
}
