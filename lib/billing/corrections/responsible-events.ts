import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { timestampInRange } from "@/lib/metering/meters/event-hour";

export type ResponsibleEvents = {
  voided: { id: string; reason: string | null }[];
  late: string[];
  count: number;
};

const SHOWN = 20;

/**
 * The events that changed a meter's charge for a period after `since` (when the invoice read it): voided since
 * then, or received since then and still counted. Up to 20 of each are named; `count` is all of them.
 */
export async function responsibleEvents(
  tx: Prisma.TransactionClient,
  customerId: string,
  eventType: string,
  period: { start: Date; end: Date },
  since: Date,
): Promise<ResponsibleEvents> {
  const rows = await tx.$queryRaw<{ id: string; voided: boolean; reason: string | null; total: bigint }[]>`
    SELECT idempotency_key AS id, voided_at IS NOT NULL AS voided, void_reason AS reason, count(*) OVER () AS total
    FROM usage_events
    WHERE customer_id = ${customerId}::uuid AND event_type = ${eventType} AND ${timestampInRange(period.start, period.end)}
      AND (voided_at >= ${since} OR (received_at >= ${since} AND voided_at IS NULL))
    ORDER BY voided_at IS NULL, "timestamp", idempotency_key
    LIMIT ${SHOWN * 2}`;
  return {
    voided: rows
      .filter((r) => r.voided)
      .slice(0, SHOWN)
      .map((r) => ({ id: r.id, reason: r.reason })),
    late: rows
      .filter((r) => !r.voided)
      .slice(0, SHOWN)
      .map((r) => r.id),
    count: Number(rows[0]?.total ?? 0),
  };
}
