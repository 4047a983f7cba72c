import "server-only";
import Decimal from "decimal.js";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";

/** A meter's usage for one customer over [from, to), read from hourly rollups (never raw events). */
export async function meterUsageTotal(actor: Actor, q: { customerId: string; meterKey: string; from: Date; to: Date }) {
  assertCanActForCustomer(actor, q.customerId);
  const meter = await prisma.meter.findUnique({ where: { key: q.meterKey } });
  if (!meter) return null;
  const agg = await prisma.usageRollup.aggregate({
    where: { customerId: q.customerId, meterId: meter.id, bucket: { gte: q.from, lt: q.to } },
    _sum: { sum: true, count: true },
    _max: { max: true },
  });
  const total =
    meter.aggregation === "COUNT" ? new Decimal(String(agg._sum.count ?? 0)) : meter.aggregation === "MAX" ? new Decimal(agg._max.max?.toString() ?? "0") : new Decimal(agg._sum.sum?.toString() ?? "0");
  return { meter: { key: meter.key, name: meter.name, unit: meter.unit, aggregation: meter.aggregation }, total: total.toFixed() };
}
