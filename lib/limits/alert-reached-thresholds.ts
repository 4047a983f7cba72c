import "server-only";
import { prisma } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { periodInForce } from "@/lib/subscriptions/period-in-force";
import { recordCrossings } from "./apply-spending-limits";
import { limitValues } from "./limit-values";

/**
 * After a limit is set: the thresholds this period's value has already reached get their alerts now (once
 * each, as at ingestion), not only when the next usage arrives.
 */
export async function alertReachedThresholds(customerId: string, now = new Date()): Promise<void> {
  const inForce = await periodInForce(customerId, now);
  if (!inForce) return;
  await prisma.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    await recordCrossings(sql, await limitValues(sql, [{ customerId, periodStart: inForce.period.start }]));
  });
}
