import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";
import { recordAudit } from "@/lib/audit/record-audit";
import { forgetActiveMeters } from "./active-meters-cache";
import { DEFINING_FIELDS, sameJson, validateMeterFields, type MeterFields } from "./meter-input";
import { isMeterInUse } from "./is-meter-in-use";
import { isUniqueViolation, meterKeyTaken } from "./meter-key-taken";

/**
 * Edits a meter: the fields given replace the stored ones. Once the meter has usage, what decides how an
 * event counts (event type, aggregation, value property, group-by, filters) is fixed: changing it would
 * mix two definitions in one meter's history. Name, key, unit and "allow negative" stay editable.
 */
export async function updateMeter(actor: Actor, meterId: string, input: unknown) {
  assertAdmin(actor);
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AppError("UNPROCESSABLE", "Invalid meter", { problems: [{ field: "(body)", rule: "object", message: "expected a JSON object of the fields to change" }] });
  }
  if (!isUuid(meterId)) throw new AppError("NOT_FOUND", "No such meter");
  try {
    const meter = await prisma.$transaction(async (tx) => {
      // FOR UPDATE waits for ingest transactions writing this meter's rollups (they hold a key-share lock on it).
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM meters WHERE id = ${meterId}::uuid FOR UPDATE`;
      const current = locked.length ? await tx.meter.findUnique({ where: { id: meterId } }) : null;
      if (!current) throw new AppError("NOT_FOUND", "No such meter");
      if (current.archivedAt) throw new AppError("CONFLICT", `Meter "${current.key}" is archived and can no longer be edited`);
      const before: MeterFields = {
        key: current.key,
        name: current.name,
        eventType: current.eventType,
        aggregation: current.aggregation,
        valueProperty: current.valueProperty,
        groupBy: current.groupBy,
        filters: current.filters as MeterFields["filters"],
        unit: current.unit,
        allowNegative: current.allowNegative,
      };
      const v = validateMeterFields({ ...before, ...(input as Record<string, unknown>) });
      if (!v.ok) throw new AppError("UNPROCESSABLE", "Invalid meter", { problems: v.problems });
      const after = v.value;
      const changed = (Object.keys(after) as (keyof MeterFields)[]).filter((k) => !sameJson(before[k], after[k]));
      if (changed.length === 0) return current;
      const fixed = DEFINING_FIELDS.filter((f) => changed.includes(f));
      if (fixed.length > 0 && (await isMeterInUse(meterId, tx))) throw inUse(current.key, fixed);
      if (changed.includes("key") && (await tx.meter.findUnique({ where: { key: after.key }, select: { id: true } }))) throw meterKeyTaken(after.key);
      const updated = await tx.meter.update({ where: { id: meterId }, data: { ...after, filters: after.filters as Prisma.InputJsonValue } });
      const changes = Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }]));
      await recordAudit(actor, "meter.updated", meterId, { key: after.key, changes }, tx);
      return updated;
    });
    await forgetActiveMeters();
    return meter;
  } catch (e) {
    if (isUniqueViolation(e)) throw meterKeyTaken(String((input as { key?: unknown }).key));
    throw e;
  }
}

function inUse(key: string, fields: readonly string[]): AppError {
  const message = `Meter "${key}" already has usage, so its ${fields.join(", ")} cannot change. Archive it and create a new meter with the new definition.`;
  const problems: FieldProblem[] = fields.map((field) => ({ field, rule: "in_use", message }));
  return new AppError("UNPROCESSABLE", message, { problems });
}
