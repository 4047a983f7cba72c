import "server-only";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { big, type Sql } from "@/lib/db/sql";

/**
 * Disarms auto-recharge when this burn took the balance under its threshold (armed, enabled, a saved card
 * and an active pack) and counts the crossing; returns its number. Armed again when credits land or after
 * a failed attempt, so each crossing charges once.
 */
const CROSS = `
UPDATE credit_auto_recharges AS ar SET armed = false, crossings = ar.crossings + 1, updated_at = now()
FROM credit_packs p
WHERE ar.customer_id = $1::uuid AND ar.enabled AND ar.armed AND ar.payment_method_id IS NOT NULL
  AND ar.threshold_minor > $2::bigint AND p.id = ar.pack_id AND p.active
RETURNING ar.crossings, p.id::text AS pack_id, p.name, p.currency, p.price_minor::text AS price, (p.credits_minor + p.bonus_credits_minor)::text AS credits`;

const PURCHASE = `
INSERT INTO credit_purchases (customer_id, kind, pack_id, pack_name, currency, price_minor, credits_minor, crossing_seq)
VALUES ($1::uuid, 'AUTO_RECHARGE', $2::uuid, $3, $4, $5::bigint, $6::bigint, $7::int)
RETURNING id::text`;

type Crossing = { crossings: number; pack_id: string; name: string; currency: string; price: string; credits: string };

/**
 * In the burn's transaction (the wallet is locked): when the balance went under the auto-recharge threshold,
 * record the crossing, a PENDING auto-recharge purchase and an outbox job keyed recharge:<customer>:<crossing>
 * that will create the off-session PaymentIntent after commit (Stripe is never called inside a transaction).
 */
export async function recordRechargeCrossing(sql: Sql, customerId: string, balanceAfterMinor: bigint): Promise<number | null> {
  const [c] = await sql.query<Crossing>(CROSS, [customerId, big(balanceAfterMinor)]);
  if (!c) return null;
  const [purchase] = await sql.query<{ id: string }>(PURCHASE, [customerId, c.pack_id, c.name, c.currency, c.price, c.credits, c.crossings]);
  await enqueueJob(sql, { kind: "auto_recharge.charge", key: `recharge:${customerId}:${c.crossings}`, payload: { customerId, purchaseId: purchase.id, crossing: c.crossings } });
  return c.crossings;
}
