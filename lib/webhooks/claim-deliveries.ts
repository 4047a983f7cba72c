import "server-only";
import { prisma } from "@/lib/db/client";

/** How long a claimed delivery is this instance's: past the 15 s timeout, then another instance may take it over. */
export const DELIVERY_LEASE_SECONDS = 60;

export type ClaimedDelivery = { customerId: string; id: bigint; attempts: number };

/**
 * Claims up to `limit` due deliveries in one statement (FOR UPDATE SKIP LOCKED, then leased), so instances
 * take disjoint ones. Order per customer: a delivery is due only when no earlier (lower sequence) delivery of
 * the same customer to the same endpoint is still pending, whether it is being attempted or waiting for its
 * retry, so at most the head of each customer's line is claimed.
 */
export async function claimDeliveries(now: Date, limit: number): Promise<ClaimedDelivery[]> {
  const rows = await prisma.$queryRawUnsafe<{ customer_id: string; id: string; attempts: number }[]>(
    `UPDATE webhook_deliveries d SET attempts = d.attempts + 1, locked_until = $1::timestamptz + make_interval(secs => $3)
     WHERE (d.customer_id, d.id) IN (
       SELECT c.customer_id, c.id FROM webhook_deliveries c JOIN webhook_endpoints e ON e.id = c.endpoint_id
       WHERE c.status = 'PENDING' AND e.enabled AND c.next_attempt_at <= $1
         AND (c.locked_until IS NULL OR c.locked_until < $1)
         AND NOT EXISTS (
           SELECT 1 FROM webhook_deliveries p
           WHERE p.endpoint_id = c.endpoint_id AND p.customer_id = c.customer_id AND p.status = 'PENDING' AND p.sequence < c.sequence)
       ORDER BY c.next_attempt_at, c.id
       LIMIT $2
       FOR UPDATE OF c SKIP LOCKED)
     RETURNING d.customer_id::text AS customer_id, d.id::text AS id, d.attempts`,
    now,
    limit,
    DELIVERY_LEASE_SECONDS,
  );
  return rows.map((r) => ({ customerId: r.customer_id, id: BigInt(r.id), attempts: r.attempts }));
}
