import type { FieldProblem } from "@/lib/errors/app-error";
import type { JsonReply } from "@/lib/http/error-response";
import type { EventInput } from "./event-input";
import type { StripeMeterEvent } from "./stripe-meter-event-input";

/** Stripe's meter event object, as `POST /v1/billing/meter_events` answers. */
export type StripeMeterEventObject = {
  object: "billing.meter_event";
  created: number;
  event_name: string;
  identifier: string;
  livemode: boolean;
  payload: Record<string, string>;
  timestamp: number;
};

type OurError = { code?: string; message?: string; problems?: FieldProblem[] };

/**
 * Ingestion's answer to one event in Stripe's shape: accepted, or a duplicate of the same content (a safe
 * retry), is 200 with the meter event object; a duplicate whose content differs is Stripe's 400
 * idempotency_error; any other failure a Stripe error (below).
 */
export function stripeMeterEventReply(reply: JsonReply, input: StripeMeterEvent, event: EventInput, now: Date): JsonReply {
  const body = reply.body as { status?: string; contentDiffers?: boolean };
  if (reply.status === 202 && body.contentDiffers === true) {
    const message = `A meter event with identifier "${event.id}" was stored before with different content; it was not stored again`;
    return { status: 400, body: { error: { type: "idempotency_error", code: "idempotency_key_in_use", message, param: "identifier" } } };
  }
  if (reply.status !== 202) return stripeErrorReply(reply, input);
  const meterEvent: StripeMeterEventObject = {
    object: "billing.meter_event",
    created: Math.floor(now.getTime() / 1000),
    event_name: input.event_name,
    identifier: event.id,
    livemode: false,
    payload: Object.fromEntries(Object.entries(input.payload).map(([k, v]) => [k, String(v)])),
    timestamp: input.timestamp ?? Math.floor(now.getTime() / 1000),
  };
  return { status: 200, body: meterEvent };
}

/**
 * Our error answer as Stripe's `{ error: { type, code, message, param } }`: a 422 (and a 413) become
 * Stripe's 400, naming the parameter as Stripe's form names it (`payload[stripe_customer_id]`); 401, 402,
 * 403, 429 and 5xx keep their status, so Stripe's SDKs raise their usual error classes.
 */
export function stripeErrorReply(reply: JsonReply, input?: StripeMeterEvent): JsonReply {
  const error: OurError = (reply.body as { error?: OurError }).error ?? {};
  const problem = error.problems?.[0];
  const status = reply.status === 422 || reply.status === 413 ? 400 : reply.status;
  const type = status >= 500 ? "api_error" : status === 429 ? "rate_limit_error" : "invalid_request_error";
  const body = {
    type,
    code: problem?.rule ?? error.code?.toLowerCase() ?? "unknown",
    message: problem?.message ?? error.message ?? "The meter event was not stored",
    ...(problem ? { param: stripeParam(problem.field, input) } : {}),
  };
  return { status, body: { error: body } };
}

const PARAM: Record<string, string> = { customer: "payload[stripe_customer_id]", type: "event_name", id: "identifier", timestamp: "timestamp" };

/** A problem's field as Stripe names the parameter: properties.<the meter's value property> is payload[value]. */
function stripeParam(field: string, input?: StripeMeterEvent): string {
  if (PARAM[field]) return PARAM[field];
  const [head, ...rest] = field.split(".");
  if (head === "properties" && rest.length > 0) return input && rest[0] in input.payload ? `payload[${rest[0]}]` : "payload[value]";
  return rest.length === 0 ? head : `${head}[${rest.join("][")}]`;
}
