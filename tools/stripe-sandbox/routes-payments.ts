import { expandObject, ID, newestFirst, paginate, type Route } from "./api";
import type { RequestMeta, Sandbox } from "./context";
import { invalidRequest, SandboxError } from "./errors";
import { expandParam, metadataParam, optBool, optString, reqInt, reqString, type FormObject } from "./form";
import { assertChargeable, parseCurrency } from "./money";
import { buildPaymentIntent, type PaymentIntent } from "./payment-objects";
import { assertUsableBy, cardErrorBody, chargePaymentIntent, resolvePaymentMethod } from "./payments";

function setupFutureUsage(params: FormObject): PaymentIntent["setup_future_usage"] {
  const value = optString(params, "setup_future_usage");
  if (value === undefined || value === "") return null;
  if (value !== "off_session" && value !== "on_session") throw invalidRequest(`Invalid setup_future_usage: must be one of off_session or on_session`, "setup_future_usage");
  return value;
}

/** Confirms with the given (or already set) PaymentMethod; a decline becomes Stripe's 402 card_error. */
function confirm(sb: Sandbox, pi: PaymentIntent, pmId: string | undefined, meta: RequestMeta): PaymentIntent {
  if (pi.status !== "requires_payment_method" && pi.status !== "requires_confirmation") {
    throw invalidRequest(
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
      undefined,
      "payment_intent_unexpected_state",
    );
  }
  const id = pmId ?? pi.payment_method;
  if (!id) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with a PaymentMethod, pass a `payment_method` parameter.",
      undefined,
      "payment_intent_unexpected_state",
    );
  }
  const pm = resolvePaymentMethod(sb, id);
  assertUsableBy(pm, pi.customer);
  const outcome = chargePaymentIntent(sb, pi, pm, meta);
  if (!outcome.ok) throw new SandboxError(402, cardErrorBody(outcome.error, { pi }));
  return pi;
}

export const paymentRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/payment_intents$/,
    handler: (sb, { params, meta }) => {
      const amount = reqInt(params, "amount");
      const currency = parseCurrency(reqString(params, "currency"));
      assertChargeable(amount, currency);
      const customerId = optString(params, "customer") || null;
      if (customerId) sb.store.get("customers", customerId, "customer");
      const confirmNow = optBool(params, "confirm") ?? false;
      if (optString(params, "off_session") !== undefined && !confirmNow) {
        throw invalidRequest("You can only pass `off_session` when `confirm` is true.", "off_session");
      }
      const pmParam = optString(params, "payment_method") || undefined;
      const pm = pmParam ? resolvePaymentMethod(sb, pmParam) : undefined;
      if (pm) assertUsableBy(pm, customerId);
      const pi = buildPaymentIntent({
        amount,
        currency,
        customer: customerId,
        description: optString(params, "description") || null,
        metadata: metadataParam(params),
        paymentMethod: pm ? pm.id : null,
        setupFutureUsage: setupFutureUsage(params),
      });
      pi.receipt_email = optString(params, "receipt_email") || null;
      sb.store.put("paymentIntents", pi);
      sb.emit("payment_intent.created", pi, meta);
      return expandObject(sb, confirmNow ? confirm(sb, pi, pm?.id, meta) : pi, expandParam(params));
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/payment_intents$/,
    handler: (sb, { params }) => {
      const customer = optString(params, "customer");
      const pis = Object.values(sb.store.state.paymentIntents).filter((pi) => !customer || pi.customer === customer);
      return paginate(newestFirst(pis), params, "/v1/payment_intents");
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/payment_intents/${ID}$`),
    handler: (sb, { params, match }) => expandObject(sb, sb.store.get("paymentIntents", match[0]), expandParam(params)),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/v1/payment_intents/${ID}$`),
    handler: (sb, { params, match, meta }) => {
      const pi = sb.store.get("paymentIntents", match[0]);
      const previous: Record<string, unknown> = {};
      const metadata = metadataParam(params, pi.metadata);
      if (JSON.stringify(metadata) !== JSON.stringify(pi.metadata)) previous.metadata = pi.metadata;
      pi.metadata = metadata;
      const description = optString(params, "description");
      if (description !== undefined && (description || null) !== pi.description) {
        previous.description = pi.description;
        pi.description = description || null;
      }
      if (Object.keys(previous).length > 0) sb.emit("payment_intent.updated", pi, meta, previous);
      return expandObject(sb, pi, expandParam(params));
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/v1/payment_intents/${ID}/confirm$`),
    handler: (sb, { params, match, meta }) => {
      const pi = sb.store.get("paymentIntents", match[0]);
      return expandObject(sb, confirm(sb, pi, optString(params, "payment_method") || undefined, meta), expandParam(params));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/charges/${ID}$`),
    handler: (sb, { params, match }) => expandObject(sb, sb.store.get("charges", match[0]), expandParam(params)),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/setup_intents/${ID}$`),
    handler: (sb, { params, match }) => expandObject(sb, sb.store.get("setupIntents", match[0]), expandParam(params)),
  },
  {
    method: "GET",
    pattern: /^\/v1\/events$/,
    handler: (sb, { params }) => {
      const type = optString(params, "type");
      const matches = (t: string) => !type || (type.endsWith(".*") ? t.startsWith(type.slice(0, -1)) : t === type);
      const events = sb.store.state.events.filter((e) => matches(e.type)).reverse();
      return paginate(events, params, "/v1/events");
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/events/${ID}$`),
    handler: (sb, { match }) => sb.store.event(match[0]),
  },
];
