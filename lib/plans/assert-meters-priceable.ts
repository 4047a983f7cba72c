import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";

/** Every priced meter must exist and not be archived (422 naming the price). */
export async function assertMetersPriceable(tx: Prisma.TransactionClient, prices: { meterId: string }[]): Promise<void> {
  if (prices.length === 0) return;
  const meters = await tx.meter.findMany({ where: { id: { in: prices.map((p) => p.meterId) } }, select: { id: true, key: true, archivedAt: true } });
  const byId = new Map(meters.map((m) => [m.id, m]));
  const problems: FieldProblem[] = [];
  prices.forEach((p, i) => {
    const meter = byId.get(p.meterId);
    const field = `prices.${i}.meterId`;
    if (!meter) problems.push({ field, rule: "known_meter", message: "No meter with this id" });
    else if (meter.archivedAt) problems.push({ field, rule: "active_meter", message: `Meter ${meter.key} is archived; remove its price` });
  });
  if (problems.length > 0) throw new AppError("UNPROCESSABLE", "A price names a meter that cannot be priced", { problems });
}
