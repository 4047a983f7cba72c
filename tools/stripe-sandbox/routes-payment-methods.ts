import { expandObject, ID, newestFirst, paginate, type Route } from "./api";
import { cardForToken, lookupCard, validateCvc, validateExpiry, type CardFailure } from "./cards";
import { docUrl, invalidRequest, noSuch, SandboxError, type StripeErrorBody } from "./errors";
import { expandParam, metadataParam, missingParam, optObject, optString, reqInt, reqString, type FormObject } from "./form";
import { attachPaymentMethod, createPaymentMethod, resolvePaymentMethod } from "./payments";

/** A 402 card_error for a bad card number / expiry / CVC, as Stripe answers PaymentMethod creation. */
function cardError(failure: CardFailure, param: string): SandboxError {
  const body: StripeErrorBody = { type: "card_error", code: failure.code, message: failure.message, param, doc_url: docUrl(failure.code) };
  if (failure.declineCode) body.decline_code = failure.declineCode;
  return new SandboxError(402, body);
}

function cardParams(card: FormObject) {
  return {
    number: reqString(card, "number", "card[number]"),
    month: reqInt(card, "exp_month", "card[exp_month]"),
    year: reqInt(card, "exp_year", "card[exp_year]"),
    cvc: optString(card, "cvc", "card[cvc]"),
  };
}

/** `card[number]`, `card[exp_month]`, `card[exp_year]`, `card[cvc]` -> a test card, or a 402 card_error. */
function cardFromParams(params: FormObject) {
  const card = optObject(params, "card");
  if (!card) throw missingParam("card");
  const token = optString(card, "token", "card[token]");
  if (token) {
    const tokenCard = cardForToken(token);
    if (!tokenCard) throw noSuch("token", token, "card[token]");
    return { card: tokenCard, exp: { month: 12, year: new Date().getUTCFullYear() + 5 }, cvcChecked: false };
  }
  const input = cardParams(card);
  const found = lookupCard(input.number);
  if ("failure" in found) throw cardError(found.failure, "card[number]");
  if (found.card.attach?.declineCode === "test_mode_live_card") throw cardError(found.card.attach, "card[number]");
  const expiry = validateExpiry(input.month, input.year);
  if (expiry) throw cardError(expiry, expiry.code === "invalid_expiry_month" ? "card[exp_month]" : "card[exp_year]");
  const cvc = input.cvc === undefined ? null : validateCvc(input.cvc, found.card.brand);
  if (cvc) throw cardError(cvc, "card[cvc]");
  return { card: found.card, exp: { month: input.month, year: input.year }, cvcChecked: input.cvc !== undefined };
}

export const paymentMethodRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/payment_methods$/,
    handler: (sb, { params }) => {
      if (reqString(params, "type") !== "card") throw invalidRequest("The sandbox only supports type=card.", "type");
      const { card, exp, cvcChecked } = cardFromParams(params);
      const billing = optObject(params, "billing_details");
      const name = billing ? (optString(billing, "name", "billing_details[name]") ?? null) : null;
      const pm = createPaymentMethod(sb, card, exp, name, cvcChecked);
      pm.metadata = metadataParam(params);
      if (billing) pm.billing_details.email = optString(billing, "email", "billing_details[email]") ?? null;
      return pm;
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/payment_methods$/,
    handler: (sb, { params }) => {
      const customer = optString(params, "customer");
      const type = optString(params, "type");
      if (customer) sb.store.get("customers", customer, "customer");
      const pms = Object.values(sb.store.state.paymentMethods).filter((pm) => (!customer || pm.customer === customer) && (!type || pm.type === type));
      return paginate(newestFirst(pms), params, "/v1/payment_methods");
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/payment_methods/${ID}$`),
    handler: (sb, { params, match }) => expandObject(sb, sb.store.get("paymentMethods", match[0]), expandParam(params)),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/v1/payment_methods/${ID}/attach$`),
    handler: (sb, { params, match, meta }) => {
      const customer = sb.store.get("customers", reqString(params, "customer"), "customer");
      const pm = resolvePaymentMethod(sb, match[0], "payment_method");
      attachPaymentMethod(sb, pm, customer.id, meta);
      return pm;
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/v1/payment_methods/${ID}/detach$`),
    handler: (sb, { match, meta }) => {
      const pm = sb.store.get("paymentMethods", match[0], "payment_method");
      const previous = pm.customer;
      if (!previous) throw invalidRequest("The payment method you provided is not attached to a customer so detachment is impossible.", "payment_method", "payment_method_unexpected_state");
      pm.customer = null;
      const customer = sb.store.find("customers", previous);
      if (customer?.invoice_settings.default_payment_method === pm.id) customer.invoice_settings.default_payment_method = null;
      sb.emit("payment_method.detached", pm, meta, { customer: previous });
      return pm;
    },
  },
];
