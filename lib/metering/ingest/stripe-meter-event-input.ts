import { z } from "zod";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";
import { parseJsonText } from "@/lib/http/read-json-body";
import type { MeterDefinition } from "@/lib/metering/meters/meter-definition";
import type { EventInput } from "./event-input";

/** Stripe's default payload keys (a Stripe meter's customer_mapping and value_settings); `customer` is accepted too. */
export const STRIPE_CUSTOMER_KEYS = ["stripe_customer_id", "customer"] as const;
export const STRIPE_VALUE_KEY = "value";

const unixSeconds = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/)], { error: "timestamp must be a Unix time in whole seconds" })
  .transform(Number);

/**
 * The body of Stripe's `POST /v1/billing/meter_events`, form-encoded as Stripe's SDKs send it
 * (`payload[value]=25`) or as JSON: `event_name` is a meter's event type, `payload.stripe_customer_id`
 * (or `payload.customer`) the customer's externalId, `payload.value` the value, `identifier` the
 * idempotency key and `timestamp` Unix seconds (default: now).
 */
export const stripeMeterEventSchema = z.object({
  event_name: z.string({ error: "event_name is required (a meter's event type)" }).min(1, "event_name must not be empty").max(255),
  payload: z.record(z.string(), z.union([z.string(), z.number()]), { error: "payload is required: payload[stripe_customer_id] and payload[value]" }),
  identifier: z.string().min(1, "identifier must not be empty").max(128, "identifier must be at most 128 characters").optional(),
  timestamp: unixSeconds.optional(),
});

export type StripeMeterEvent = z.infer<typeof stripeMeterEventSchema>;

/** Reads a form-encoded or JSON body as a Stripe meter event; a malformed one is a 422 naming the field. */
export function parseStripeMeterEvent(text: string, contentType: string | null): StripeMeterEvent & { customer: string } {
  const raw = /^application\/json/i.test(contentType ?? "") ? parseJsonText(text) : decodeStripeForm(text);
  const parsed = stripeMeterEventSchema.safeParse(raw);
  if (!parsed.success) throw invalid(zodProblems(parsed.error));
  const key = STRIPE_CUSTOMER_KEYS.find((k) => parsed.data.payload[k] !== undefined);
  const customer = key === undefined ? "" : String(parsed.data.payload[key]);
  if (customer === "") {
    throw invalid([{ field: "payload.stripe_customer_id", rule: "required", message: "payload[stripe_customer_id] (or payload[customer]) is required: the customer's externalId" }]);
  }
  return { ...parsed.data, customer };
}

/**
 * The usage event a Stripe meter event stands for: the payload's value goes to every active meter of the
 * event type under that meter's value property (and stays as `value`); the other payload keys are kept
 * as properties. Without `identifier`, the Idempotency-Key header (which Stripe's SDKs send on retries),
 * else a new id.
 */
export function eventFromStripeMeterEvent(e: StripeMeterEvent & { customer: string }, meters: MeterDefinition[], fallbackId: string): EventInput {
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.payload)) if (!(STRIPE_CUSTOMER_KEYS as readonly string[]).includes(k)) properties[k] = v;
  const value = e.payload[STRIPE_VALUE_KEY];
  if (value !== undefined) for (const m of meters) if (m.valueProperty) properties[m.valueProperty] = value;
  const event: EventInput = { id: e.identifier ?? fallbackId, customer: e.customer, type: e.event_name, properties };
  // Without a timestamp ingestion stamps the event itself, and a retry is not told apart by its time.
  if (e.timestamp !== undefined) event.timestamp = new Date(e.timestamp * 1000).toISOString();
  return event;
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Stripe's form encoding, one level deep as this endpoint needs it: `payload[value]=25` -> { payload: { value: "25" } }. */
export function decodeStripeForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const nested = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
    if (!nested) {
      if (!UNSAFE_KEYS.has(key)) out[key] = value;
      continue;
    }
    const [, outer, inner] = nested;
    if (UNSAFE_KEYS.has(outer) || UNSAFE_KEYS.has(inner)) continue;
    const holder = out[outer];
    if (typeof holder === "object" && holder !== null) (holder as Record<string, unknown>)[inner] = value;
    else out[outer] = { [inner]: value };
  }
  return out;
}

function invalid(problems: FieldProblem[]): AppError {
  return new AppError("UNPROCESSABLE", problems.map((p) => `${p.field}: ${p.message}`).join("; "), { problems });
}
