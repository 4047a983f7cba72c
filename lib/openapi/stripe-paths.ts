import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { stripeMeterEventSchema } from "@/lib/metering/ingest/stripe-meter-event-input";

const meterEvent = stripeMeterEventSchema.meta({
  id: "StripeMeterEventInput",
  description:
    "Stripe's meter event: `event_name` is a meter's event type, `payload[stripe_customer_id]` (or `payload[customer]`) the customer's externalId, `payload[value]` the value (it goes to each meter's value property), `identifier` the idempotency key (default: the Idempotency-Key header, else a new id), `timestamp` Unix seconds (default: now). Other payload keys are kept as properties (group-by dimensions).",
});

const meterEventObject = z
  .object({
    object: z.literal("billing.meter_event"),
    created: z.int(),
    event_name: z.string(),
    identifier: z.string(),
    livemode: z.boolean(),
    payload: z.record(z.string(), z.string()),
    timestamp: z.int(),
  })
  .meta({ id: "StripeMeterEvent" });

const stripeError = z
  .object({ error: z.object({ type: z.string(), code: z.string(), message: z.string(), param: z.string().optional() }) })
  .meta({ id: "StripeError", description: "Stripe's error shape; `param` names the parameter as Stripe's form does (`payload[value]`)." });

const example = { event_name: "llm_tokens", payload: { stripe_customer_id: "acme", value: "1200", model: "gpt-x" }, identifier: "req-7f3a-1", timestamp: 1769860800 };
const errors = Object.fromEntries(
  [
    ["400", "A parameter is missing or invalid (`param` names it), or the identifier was used before with different content (`idempotency_error`)"],
    ["401", "No valid API key"],
    ["402", "Credits cannot cover the usage, a hard cap is reached, or the customer is suspended"],
    ["403", "The key may not report usage for this customer"],
    ["503", "Not stored: send it again"],
  ].map(([status, description]) => [status, { description, content: { "application/json": { schema: stripeError } } }]),
);

export const stripePaths: ZodOpenApiPathsObject = {
  "/stripe/v1/billing/meter_events": {
    post: {
      operationId: "createStripeMeterEvent",
      tags: ["Stripe compatibility"],
      summary: "Report usage as a Stripe meter event",
      description:
        "Stripe's `POST /v1/billing/meter_events`, so an app that reports usage to Stripe meters with Stripe's SDK changes only its host: point the SDK at `<app>/api/v1/stripe` (`new Stripe(meterlyKey, { host, port, protocol })` with a base path) and keep its calls. Same ingestion and exactly-once rule as `POST /events`; a repeated identifier with the same content answers the stored event again.",
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: meterEvent,
            encoding: { payload: { style: "deepObject", explode: true } },
            examples: { form: { summary: "As Stripe's SDKs send it (payload[value]=1200)", value: example } },
          },
          "application/json": { schema: meterEvent, examples: { json: { summary: "As JSON", value: example } } },
        },
      },
      responses: { "200": { description: "The meter event, stored (or stored before with the same content)", content: { "application/json": { schema: meterEventObject } } }, ...errors },
    },
  },
};
