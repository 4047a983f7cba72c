import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { forgetActiveMeters } from "./active-meters-cache";
import { validateMeterFields } from "./meter-input";
import { isUniqueViolation, meterKeyTaken } from "./meter-key-taken";

/** Creates a meter; events of its type are counted from the moment it exists. */
export async function createMeter(actor: Actor, input: unknown) {
  assertAdmin(actor);
  const v = validateMeterFields(input);
  if (!v.ok) throw new AppError("UNPROCESSABLE", "Invalid meter", { problems: v.problems });
  const fields = v.value;
  if (await prisma.meter.findUnique({ where: { key: fields.key }, select: { id: true } })) throw meterKeyTaken(fields.key);
  try {
    const meter = await prisma.$transaction(async (tx) => {
      const created = await tx.meter.create({ data: { ...fields, filters: fields.filters as Prisma.InputJsonValue } });
      await recordAudit(actor, "meter.created", created.id, { ...fields }, tx);
      return created;
    });
    await forgetActiveMeters();
    return meter;
  } catch (e) {
    if (isUniqueViolation(e)) throw meterKeyTaken(fields.key);
    throw e;
  }
}
