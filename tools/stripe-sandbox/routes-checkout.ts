import { expandObject, ID, newestFirst, paginate, type Route } from "./api";
import { buildCheckoutSession, buildLineItem, type CheckoutExtras, type LineItem } from "./checkout-objects";
import { expireSession, refreshExpiry } from "./checkout-flow";
import type { Sandbox } from "./context";
import { invalidRequest, noSuch } from "./errors";
import { expandParam, isObject, metadataParam, missingParam, optArray, optInt, optObject, optString, reqInt, reqString, type FormObject } from "./form";
import { nowSeconds } from "./ids";
import { assertChargeable, parseCurrency } from "./money";

function urlParam(params: FormObject, key: string, required: boolean): string | null {
  const value = required ? reqString(params, key) : optString(params, key) || null;
  if (value === null) return null;
  let valid = false;
  try {
    valid = ["http:", "https:"].includes(new URL(value.replace(/\{CHECKOUT_SESSION_ID\}/g, "x")).protocol);
  } catch {
    valid = false;
  }
  if (!valid) throw invalidRequest("Not a valid URL", key, "url_invalid");
  return value;
}

function lineItemsParam(params: FormObject): LineItem[] {
  const raw = optArray(params, "line_items");
  if (!raw || raw.length === 0) throw missingParam("line_items");
  return raw.map((entry, i) => {
    const p = `line_items[${i}]`;
    if (!isObject(entry)) throw invalidRequest("Invalid object", p);
    const price = optString(entry, "price", `${p}[price]`);
    if (price) throw noSuch("price", price, `${p}[price]`);
    const data = optObject(entry, "price_data", `${p}[price_data]`);
    if (!data) throw invalidRequest(`You must specify either \`price\` or \`price_data\` in ${p}.`, p);
    const currency = parseCurrency(reqString(data, "currency", `${p}[price_data][currency]`), `${p}[price_data][currency]`);
    const unitAmount = reqInt(data, "unit_amount", `${p}[price_data][unit_amount]`);
    if (unitAmount < 0) throw invalidRequest("This value must be greater than or equal to 0.", `${p}[price_data][unit_amount]`);
    const product = optObject(data, "product_data", `${p}[price_data][product_data]`);
    if (!product) throw missingParam(`${p}[price_data][product_data]`);
    const name = reqString(product, "name", `${p}[price_data][product_data][name]`);
    const quantity = reqInt(entry, "quantity", `${p}[quantity]`);
    if (quantity < 1) throw invalidRequest("This value must be greater than or equal to 1.", `${p}[quantity]`);
    return buildLineItem(currency, unitAmount, quantity, name);
  });
}

function extrasParam(params: FormObject, mode: string, hasCustomer: boolean): CheckoutExtras {
  const pid = optObject(params, "payment_intent_data") ?? {};
  const sid = optObject(params, "setup_intent_data") ?? {};
  const usage = optString(pid, "setup_future_usage", "payment_intent_data[setup_future_usage]") || null;
  if (usage !== null && usage !== "off_session" && usage !== "on_session") {
    throw invalidRequest("Invalid payment_intent_data[setup_future_usage]: must be one of off_session or on_session", "payment_intent_data[setup_future_usage]");
  }
  const creation = optString(params, "customer_creation");
  return {
    setupFutureUsage: usage,
    paymentIntentMetadata: metadataParam(pid),
    paymentIntentDescription: optString(pid, "description", "payment_intent_data[description]") || null,
    setupIntentMetadata: metadataParam(sid),
    createCustomer: !hasCustomer && (creation === "always" || mode === "setup" || usage !== null),
  };
}

function createSession(sb: Sandbox, params: FormObject) {
  const mode = reqString(params, "mode");
  if (mode !== "payment" && mode !== "setup") throw invalidRequest(`The sandbox supports mode=payment and mode=setup, not mode=${mode}.`, "mode");
  const uiMode = optString(params, "ui_mode");
  if (uiMode && uiMode !== "hosted") throw invalidRequest("The sandbox only supports ui_mode=hosted.", "ui_mode");
  const customer = optString(params, "customer") || null;
  const customerEmail = optString(params, "customer_email") || null;
  if (customer && customerEmail) throw invalidRequest("You may only specify one of these parameters: customer, customer_email.", "customer_email");
  if (customer) sb.store.get("customers", customer, "customer");
  let items: LineItem[] = [];
  if (mode === "payment") {
    items = lineItemsParam(params);
    if (items.some((i) => i.currency !== items[0].currency)) throw invalidRequest("All line items must use the same currency.", "line_items");
  } else if (params.line_items !== undefined) {
    throw invalidRequest("You cannot pass `line_items` in `setup` mode.", "line_items");
  }
  const amount = mode === "payment" ? items.reduce((sum, i) => sum + i.amount_total, 0) : null;
  const currency = mode === "payment" ? items[0].currency : optString(params, "currency")?.toLowerCase() || null;
  if (amount !== null && currency) assertChargeable(amount, currency, "line_items");
  const expiresAt = optInt(params, "expires_at") ?? null;
  if (expiresAt !== null && expiresAt <= nowSeconds()) throw invalidRequest("The `expires_at` timestamp must be in the future.", "expires_at");
  const session = buildCheckoutSession({
    baseUrl: sb.baseUrl,
    mode,
    currency,
    amount,
    customer,
    customerEmail,
    successUrl: urlParam(params, "success_url", true) ?? "",
    cancelUrl: urlParam(params, "cancel_url", false),
    clientReferenceId: optString(params, "client_reference_id") || null,
    metadata: metadataParam(params),
    expiresAt,
  });
  sb.store.put("checkoutSessions", session);
  sb.store.state.lineItems[session.id] = items;
  sb.store.state.checkoutExtras[session.id] = extrasParam(params, mode, customer !== null);
  return session;
}

/** The session, with `expand[]=line_items` giving the line-item list and other paths expanded by id. */
function retrieve(sb: Sandbox, id: string, params: FormObject) {
  const session = refreshExpiry(sb, sb.store.get("checkoutSessions", id));
  const paths = expandParam(params);
  const expanded = expandObject(sb, session, paths.filter((p) => p !== "line_items"));
  if (!paths.includes("line_items")) return expanded;
  const lineItems = paginate(sb.store.state.lineItems[id] ?? [], { limit: "100" }, `/v1/checkout/sessions/${id}/line_items`);
  return { ...expanded, line_items: lineItems };
}

export const checkoutRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/checkout\/sessions$/,
    handler: (sb, { params }) => retrieve(sb, createSession(sb, params).id, params),
  },
  {
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions$/,
    handler: (sb, { params }) => {
      const pi = optString(params, "payment_intent");
      const customer = optString(params, "customer");
      const sessions = Object.values(sb.store.state.checkoutSessions).filter(
        (s) => (!pi || s.payment_intent === pi) && (!customer || s.customer === customer),
      );
      return paginate(newestFirst(sessions), params, "/v1/checkout/sessions");
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/checkout/sessions/${ID}$`),
    handler: (sb, { params, match }) => retrieve(sb, match[0], params),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/checkout/sessions/${ID}/line_items$`),
    handler: (sb, { params, match }) => {
      const session = sb.store.get("checkoutSessions", match[0]);
      return paginate(sb.store.state.lineItems[session.id] ?? [], params, `/v1/checkout/sessions/${session.id}/line_items`);
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/v1/checkout/sessions/${ID}/expire$`),
    handler: (sb, { params, match, meta }) => {
      const session = refreshExpiry(sb, sb.store.get("checkoutSessions", match[0]));
      if (session.status !== "open") {
        throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`, undefined, "checkout_session_unexpected_state");
      }
      expireSession(sb, session, meta);
      return retrieve(sb, session.id, params);
    },
  },
];
