/** A webhook event as the receiver reads it (the body that is signed). */
export type WebhookEvent = {
  type: string;
  id: string;
  timestamp: string;
  data: { customer: { id: string; externalId: string }; sequence: number } & Record<string, unknown>;
};

/** The event's id: stable for its notification, so retries, resends and replays carry the same webhook-id. */
export function webhookEventId(customerId: string, notificationId: bigint | string): string {
  return `evt_${customerId}_${notificationId}`;
}

/**
 * Builds the event of one notification: its kind as the type, the time it happened, and its payload with the
 * customer and the customer's sequence number (increasing by one per event of that customer).
 */
export function buildWebhookEvent(n: {
  customerId: string;
  id: bigint | string;
  kind: string;
  payload: unknown;
  createdAt: Date;
  sequence: bigint | number;
  externalId: string;
}): WebhookEvent {
  const payload = n.payload && typeof n.payload === "object" && !Array.isArray(n.payload) ? (n.payload as Record<string, unknown>) : {};
  const rest = Object.fromEntries(Object.entries(payload).filter(([k]) => k !== "customer" && k !== "sequence"));
  return {
    type: n.kind,
    id: webhookEventId(n.customerId, n.id),
    timestamp: n.createdAt.toISOString(),
    data: { customer: { id: n.customerId, externalId: n.externalId }, sequence: Number(n.sequence), ...rest },
  };
}
