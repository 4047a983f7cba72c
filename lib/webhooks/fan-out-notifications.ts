import "server-only";
import { prisma } from "@/lib/db/client";
import { WEBHOOK_EVENT_TYPES, isWebhookEventType } from "./event-types";

type Picked = { customer_id: string; id: string; kind: string };

/**
 * The fan-out sweep: takes notifications not yet fanned out (oldest first, FOR UPDATE SKIP LOCKED, so
 * instances running it at once take disjoint rows), gives each one of an event type the customer's next
 * sequence number and one pending delivery per enabled endpoint subscribed to its type, and marks them all
 * (other kinds too) fanned out, in one transaction. Returns how many notifications and deliveries it made.
 */
export async function fanOutNotifications(opts: { limit?: number; now?: Date } = {}): Promise<{ notifications: number; deliveries: number }> {
  const limit = opts.limit ?? 500;
  const now = opts.now ?? new Date();
  // Runs every second: when there is nothing to fan out, one indexed read and no transaction.
  const waiting = await prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM notifications WHERE webhooks_fanned_out_at IS NULL LIMIT 1`);
  if (waiting.length === 0) return { notifications: 0, deliveries: 0 };
  return prisma.$transaction(async (tx) => {
    const picked = await tx.$queryRawUnsafe<Picked[]>(
      `SELECT customer_id::text, id::text, kind FROM notifications WHERE webhooks_fanned_out_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      limit,
    );
    if (picked.length === 0) return { notifications: 0, deliveries: 0 };
    const sequence = new Map<Picked, string>();
    const byCustomer = new Map<string, Picked[]>();
    for (const p of picked) if (isWebhookEventType(p.kind)) byCustomer.set(p.customer_id, [...(byCustomer.get(p.customer_id) ?? []), p]);
    // Customers in one order, so two instances lock their sequence rows in the same order (no deadlock).
    for (const customerId of [...byCustomer.keys()].sort()) {
      const events = byCustomer.get(customerId)!;
      const [{ last }] = await tx.$queryRawUnsafe<{ last: string }[]>(
        `INSERT INTO webhook_sequences (customer_id, last_sequence) VALUES ($1::uuid, $2)
         ON CONFLICT (customer_id) DO UPDATE SET last_sequence = webhook_sequences.last_sequence + EXCLUDED.last_sequence
         RETURNING last_sequence::text AS last`,
        customerId,
        events.length,
      );
      let next = BigInt(last) - BigInt(events.length);
      for (const e of events) sequence.set(e, (++next).toString());
    }
    await tx.$executeRawUnsafe(
      `UPDATE notifications n SET webhooks_fanned_out_at = $4, webhook_sequence = s.seq
       FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS s(customer_id, id, seq)
       WHERE n.customer_id = s.customer_id AND n.id = s.id`,
      picked.map((p) => p.customer_id),
      picked.map((p) => p.id),
      picked.map((p) => sequence.get(p) ?? null),
      now,
    );
    const deliveries = await tx.$executeRawUnsafe(
      `INSERT INTO webhook_deliveries (endpoint_id, customer_id, notification_id, event_type, sequence, next_attempt_at)
       SELECT e.id, n.customer_id, n.id, n.kind, n.webhook_sequence, $3
       FROM unnest($1::uuid[], $2::bigint[]) AS s(customer_id, id)
       JOIN notifications n ON n.customer_id = s.customer_id AND n.id = s.id
       JOIN webhook_endpoints e ON e.enabled AND (cardinality(e.event_types) = 0 OR n.kind = ANY(e.event_types))
       WHERE n.webhook_sequence IS NOT NULL AND n.kind = ANY($4::text[])
       ORDER BY n.customer_id, n.webhook_sequence
       ON CONFLICT (endpoint_id, customer_id, notification_id) DO NOTHING`,
      picked.map((p) => p.customer_id),
      picked.map((p) => p.id),
      now,
      [...WEBHOOK_EVENT_TYPES],
    );
    return { notifications: picked.length, deliveries };
  });
}
