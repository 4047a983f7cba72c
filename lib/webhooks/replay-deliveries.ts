import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { WEBHOOK_EVENT_TYPES } from "./event-types";
import { getWebhookEndpoint } from "./get-webhook-endpoint";

const MAX_REPLAY = 10_000;

/** A form's datetime-local value ("2026-12-06T20:00") has no zone: it is read as UTC, as the form says. */
const asUtc = (v: unknown) => (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(v) ? `${v}Z` : v);

export const replayInput = z
  .object({
    from: z.preprocess(asUtc, z.coerce.date({ message: "from must be a date and time" })),
    to: z.preprocess(asUtc, z.coerce.date({ message: "to must be a date and time" })),
  })
  .refine((r) => r.to > r.from, { path: ["to"], message: "to must be after from" });

/**
 * Sends again every event of the time range that the endpoint subscribes to, whether it was delivered, failed
 * or never sent to it (say it was added or off at the time): each becomes pending now, in sequence order per
 * customer, with the same event id. Returns how many.
 */
export async function replayDeliveries(actor: Actor, endpointId: string, input: unknown, now = new Date()): Promise<{ replayed: number }> {
  assertAdmin(actor);
  const endpoint = await getWebhookEndpoint(actor, endpointId);
  const { from, to } = replayInput.parse(input);
  const types = endpoint.eventTypes.length ? endpoint.eventTypes : [...WEBHOOK_EVENT_TYPES];
  const replayed = await prisma.$transaction(async (tx) => {
    const n = await tx.$executeRawUnsafe(
      `INSERT INTO webhook_deliveries (endpoint_id, customer_id, notification_id, event_type, sequence, next_attempt_at)
       SELECT $1::uuid, n.customer_id, n.id, n.kind, n.webhook_sequence, $5
       FROM notifications n
       WHERE n.created_at >= $2 AND n.created_at < $3 AND n.webhook_sequence IS NOT NULL AND n.kind = ANY($4::text[])
       ORDER BY n.created_at
       LIMIT ${MAX_REPLAY}
       ON CONFLICT (endpoint_id, customer_id, notification_id)
       DO UPDATE SET status = 'PENDING', attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at, locked_until = NULL`,
      endpointId,
      from,
      to,
      types,
      now,
    );
    await recordAudit(actor, "webhook_endpoint.replayed", endpointId, { from: from.toISOString(), to: to.toISOString(), replayed: n }, tx);
    return n;
  });
  return { replayed };
}
