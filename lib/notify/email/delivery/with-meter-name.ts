import "server-only";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";

/** A payload naming a meter by id (a usage limit's alert) gets its name and unit, for the email to say. */
export async function withMeterName(payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const meterId = payload.meterId;
  if (typeof meterId !== "string" || !isUuid(meterId) || payload.meterName) return payload;
  const meter = await prisma.meter.findUnique({ where: { id: meterId }, select: { name: true, unit: true } });
  return meter ? { ...payload, meterName: meter.name, meterUnit: meter.unit } : payload;
}
