import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { batchSchema, eventInputSchema, MAX_BATCH_EVENTS } from "@/lib/metering/ingest/event-input";
import { CLOUDEVENTS_BATCH_JSON, CLOUDEVENTS_JSON, cloudEventSchema } from "@/lib/metering/ingest/cloud-event-input";
import { errorResponses, problemSchema } from "./common";

const event = eventInputSchema.meta({ id: "Event", description: "One usage event. `id` is the idempotency key: the same id for the same customer is stored once, however often it is sent." });
const eventBatch = batchSchema.extend({ events: z.array(event).min(1).max(MAX_BATCH_EVENTS) }).meta({ id: "EventBatch" });
const cloudEvent = cloudEventSchema.meta({
  id: "CloudEvent",
  description: "A CloudEvent 1.0 (JSON format), mapped as OpenMeter maps it: `id` is the idempotency key, `subject` the customer's externalId, `type` a meter's event type, `time` the timestamp, `data` the properties; `source` is kept as the property `$source`.",
});

const outcome = z
  .object({
    index: z.int(),
    id: z.string().nullable(),
    status: z.enum(["accepted", "duplicate", "rejected", "refused"]),
    contentDiffers: z.boolean().optional(),
    conflict: z.literal(true).optional().meta({ description: "A duplicate whose content differs from the stored event's: not stored, counted for the admin." }),
    problems: z.array(problemSchema).optional(),
  })
  .meta({ id: "EventOutcome" });

const singleReply = z
  .object({ id: z.string(), status: z.enum(["accepted", "duplicate"]), contentDiffers: z.boolean().optional(), conflict: z.literal(true).optional() })
  .meta({ id: "EventAccepted", description: "One event: stored now (`accepted`) or before (`duplicate`)." });
const batchReply = z
  .object({ accepted: z.int(), duplicates: z.int(), rejected: z.int(), events: z.array(outcome) })
  .meta({ id: "EventBatchResult", description: "A batch: each event's outcome in request order. Valid events are stored even when others are rejected." });

const at = "2026-01-31T12:00:00Z";
const one = { id: "req-7f3a-1", customer: "acme", type: "llm_tokens", timestamp: at, properties: { tokens: 1200, model: "gpt-x" } };
const ce = { specversion: "1.0", id: "req-7f3a-1", source: "/chat-service", type: "llm_tokens", subject: "acme", time: at, datacontenttype: "application/json", data: { tokens: 1200, model: "gpt-x" } };

export const eventsPaths: ZodOpenApiPathsObject = {
  "/events": {
    post: {
      operationId: "reportUsage",
      tags: ["Usage events"],
      summary: "Report usage events",
      description:
        "Stores usage events exactly once (by customer and `id`) and rates them at once. The body is one event or `{ \"events\": [...] }` (at most 1,000) as `application/json`; or CloudEvents: one event as `application/cloudevents+json`, a JSON array as `application/cloudevents-batch+json`, or binary mode (`ce-specversion`, `ce-id`, `ce-source`, `ce-type`, `ce-subject`, `ce-time` headers, `data` as a JSON body). The answer lists each event's outcome; answered only once the events are committed.",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: z.union([event, eventBatch]),
            examples: {
              single: { summary: "One event", value: one },
              batch: { summary: "A batch", value: { events: [one, { ...one, id: "req-7f3a-2", properties: { tokens: 80, model: "gpt-x-mini" } }] } },
            },
          },
          [CLOUDEVENTS_JSON]: { schema: cloudEvent, examples: { cloudevent: { summary: "One CloudEvent", value: ce } } },
          [CLOUDEVENTS_BATCH_JSON]: {
            schema: z.array(cloudEvent).min(1).max(MAX_BATCH_EVENTS),
            examples: { batch: { summary: "A CloudEvents batch", value: [ce, { ...ce, id: "req-7f3a-2", data: { tokens: 80, model: "gpt-x-mini" } }] } },
          },
        },
      },
      responses: {
        "202": { description: "Stored (or stored before)", content: { "application/json": { schema: z.union([singleReply, batchReply]) } } },
        ...errorResponses(400, 401, 402, 403, 413, 422, 429, 503),
      },
    },
  },
};
