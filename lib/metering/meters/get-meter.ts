import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";
import { isMeterInUse } from "./is-meter-in-use";

/** One meter for the admin, with whether it is in use. */
export async function getMeter(actor: Actor, meterId: string) {
  assertAdmin(actor);
  const meter = isUuid(meterId) ? await prisma.meter.findUnique({ where: { id: meterId } }) : null;
  if (!meter) throw new AppError("NOT_FOUND", "No such meter");
  return { ...meter, inUse: await isMeterInUse(meter.id) };
}
