import { z } from "zod";
import { MAX_BATCH_EVENTS, type EventInput } from "./event-input";

/** CloudEvents' JSON event format (structured mode, one event) and its batch format (a JSON array). */
export const CLOUDEVENTS_JSON = "application/cloudevents+json";
export const CLOUDEVENTS_BATCH_JSON = "application/cloudevents-batch+json";

const text = (name: string, meaning: string, max: number) =>
  z
    .string({ error: `${name} is required (${meaning})` })
    .min(1, `${name} must not be empty`)
    .max(max, `${name} must be at most ${max} characters`);

/**
 * One CloudEvent (specification 1.0, JSON format) as OpenMeter maps it to usage: `id` is the idempotency
 * key, `subject` the customer's externalId, `type` a meter's event type, `time` the timestamp and `data`
 * the properties. `source` is required by the specification and kept with the event (as the property
 * `$source`). Extension attributes are accepted and ignored; `data_base64` is refused.
 */
export const cloudEventSchema = z.object({
  specversion: z.literal("1.0", { error: 'specversion is required and must be "1.0"' }),
  id: text("id", "the idempotency key", 128),
  source: text("source", "a URI-reference naming the event's producer", 1024),
  type: text("type", "a meter's event type", 255),
  subject: text("subject", "the customer's externalId", 255),
  time: z.iso.datetime({ offset: true, message: "time must be RFC 3339 with a UTC offset, e.g. 2026-01-31T12:00:00Z" }).optional(),
  datacontenttype: z
    .string()
    .regex(/^application\/([\w.-]+\+)?json\s*(;.*)?$/i, "datacontenttype must be application/json (data is read as JSON)")
    .optional(),
  dataschema: z.string().optional(),
  data: z.record(z.string(), z.unknown(), { error: "data must be a JSON object (the event's properties)" }).optional(),
  data_base64: z.undefined({ error: "data_base64 is not accepted: send data as a JSON object" }).optional(),
});

export type CloudEventInput = z.infer<typeof cloudEventSchema>;

export const cloudEventBatchSchema = z
  .array(z.unknown(), { error: "a CloudEvents batch must be a JSON array of events" })
  .min(1, "a batch must hold at least one event")
  .max(MAX_BATCH_EVENTS, `a batch may hold at most ${MAX_BATCH_EVENTS} events`);

/** The property that keeps a CloudEvent's `source` with its properties. */
export const SOURCE_PROPERTY = "$source";

/** A valid CloudEvent as the usage event ingestion takes (OpenMeter's mapping). */
export function eventFromCloudEvent(ce: CloudEventInput): EventInput {
  const event: EventInput = { id: ce.id, customer: ce.subject, type: ce.type, properties: { ...ce.data, [SOURCE_PROPERTY]: ce.source } };
  if (ce.time !== undefined) event.timestamp = ce.time;
  return event;
}
