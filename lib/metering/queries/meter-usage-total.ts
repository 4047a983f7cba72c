import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors/app-error";
import { queryUsage } from "./query-usage";

/** A meter's usage for one customer over [from, to) in the meter's own aggregation (read from rollups). */
export async function meterUsageTotal(actor: Actor, q: { customerId: string; meterKey: string; from: Date; to: Date }) {
  try {
    const usage = await queryUsage(actor, { ...q, granularity: "month", groupBy: null });
    return { meter: { key: usage.meter.key, name: usage.meter.name, unit: usage.meter.unit, aggregation: usage.meter.aggregation }, total: usage.total ?? "0" };
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
}
