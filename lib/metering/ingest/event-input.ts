import { z } from "zod";

export const MAX_BATCH_EVENTS = 1000;

/** One usage event as apps send it. `id` is the idempotency key, unique per customer. */
export const eventInputSchema = z.object({
  id: z.string({ error: "id is required (the idempotency key)" }).min(1, "id must not be empty").max(128, "id must be at most 128 characters"),
  customer: z.string({ error: "customer is required (the customer's externalId)" }).min(1, "customer must not be empty").max(255),
  type: z.string({ error: "type is required (a meter's event type)" }).min(1, "type must not be empty").max(255),
  timestamp: z.iso.datetime({ offset: true, message: "timestamp must be ISO 8601 with a UTC offset, e.g. 2026-01-31T12:00:00Z" }).optional(),
  properties: z.record(z.string(), z.unknown(), { error: "properties must be an object" }).optional(),
});

export type EventInput = z.infer<typeof eventInputSchema>;

export const batchSchema = z.object({
  events: z
    .array(z.unknown(), { error: "events must be an array" })
    .min(1, "events must hold at least one event")
    .max(MAX_BATCH_EVENTS, `events may hold at most ${MAX_BATCH_EVENTS} events`),
});
