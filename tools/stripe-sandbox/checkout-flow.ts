import { lookupCard, parseExpiry, validateCvc } from "./cards";
import type { CheckoutExtras, CheckoutSession } from "./checkout-objects";
import { NO_REQUEST, type RequestMeta, type Sandbox } from "./context";
import { nowSeconds } from "./ids";
import { buildCustomer, type PaymentMethod } from "./objects";
import { buildPaymentIntent, buildSetupIntent } from "./payment-objects";
import { cardOf, chargePaymentIntent, confirmSetupIntent, createPaymentMethod, type Outcome } from "./payments";

/** What the hosted payment page posts. */
export interface CardForm {
  cardNumber: string;
  cardExpiry: string;
  cardCvc: string;
  cardName: string;
}

export type PayResult = { ok: true; redirect: string } | { ok: false; status: number; message: string };

const NO_EXTRAS: CheckoutExtras = {
  setupFutureUsage: null,
  paymentIntentMetadata: {},
  paymentIntentDescription: null,
  setupIntentMetadata: {},
  createCustomer: false,
};

export function expireSession(sb: Sandbox, session: CheckoutSession, meta: RequestMeta): void {
  session.status = "expired";
  session.url = null;
  sb.emit("checkout.session.expired", session, meta);
}

/** Expires an open session whose `expires_at` has passed (Stripe does this on its own clock). */
export function refreshExpiry(sb: Sandbox, session: CheckoutSession): CheckoutSession {
  if (session.status === "open" && nowSeconds() >= session.expires_at) expireSession(sb, session, NO_REQUEST);
  return session;
}

/** Creates the Customer Checkout would create (only when the payment is going to succeed, like Stripe does on completion). */
function ensureCustomer(sb: Sandbox, session: CheckoutSession, extras: CheckoutExtras, name: string): void {
  if (session.customer || !extras.createCustomer) return;
  const customer = sb.store.put("customers", buildCustomer({ email: session.customer_email ?? undefined, name: name || undefined, metadata: {} }));
  sb.emit("customer.created", customer, NO_REQUEST);
  session.customer = customer.id;
}

function pay(sb: Sandbox, session: CheckoutSession, extras: CheckoutExtras, pm: PaymentMethod): Outcome {
  let pi = session.payment_intent ? sb.store.find("paymentIntents", session.payment_intent) : undefined;
  if (!pi) {
    pi = sb.store.put(
      "paymentIntents",
      buildPaymentIntent({
        amount: session.amount_total ?? 0,
        currency: session.currency ?? "usd",
        customer: session.customer,
        description: extras.paymentIntentDescription,
        metadata: { ...extras.paymentIntentMetadata },
        paymentMethod: null,
        setupFutureUsage: extras.setupFutureUsage,
      }),
    );
    session.payment_intent = pi.id;
    sb.emit("payment_intent.created", pi, NO_REQUEST);
  }
  pi.customer = session.customer;
  return chargePaymentIntent(sb, pi, pm, NO_REQUEST);
}

function setup(sb: Sandbox, session: CheckoutSession, extras: CheckoutExtras, pm: PaymentMethod): Outcome {
  let si = session.setup_intent ? sb.store.find("setupIntents", session.setup_intent) : undefined;
  if (!si) {
    si = sb.store.put("setupIntents", buildSetupIntent(session.customer, { ...extras.setupIntentMetadata }));
    session.setup_intent = si.id;
    sb.emit("setup_intent.created", si, NO_REQUEST);
  }
  si.customer = session.customer;
  return confirmSetupIntent(sb, si, pm, NO_REQUEST);
}

function complete(sb: Sandbox, session: CheckoutSession, name: string): void {
  const customer = session.customer ? sb.store.find("customers", session.customer) : undefined;
  session.status = "complete";
  session.payment_status = session.mode === "payment" ? "paid" : "no_payment_required";
  session.url = null;
  session.customer_details = {
    email: customer?.email ?? session.customer_email,
    name: name || customer?.name || null,
    address: null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  sb.emit("checkout.session.completed", session, NO_REQUEST);
}

/**
 * Processes the hosted page's card form: validation errors and declines leave the session open
 * (a decline also emits `payment_intent.payment_failed`); success completes it and emits
 * `checkout.session.completed`, then the caller redirects to `success_url`.
 */
export function payCheckoutSession(sb: Sandbox, session: CheckoutSession, form: CardForm): PayResult {
  if (refreshExpiry(sb, session).status !== "open") return { ok: false, status: 409, message: "This Checkout Session is no longer active." };
  const found = lookupCard(form.cardNumber);
  if ("failure" in found) return { ok: false, status: 400, message: found.failure.message };
  const expiry = parseExpiry(form.cardExpiry);
  if ("code" in expiry) return { ok: false, status: 400, message: expiry.message };
  const cvcFailure = validateCvc(form.cardCvc.trim(), found.card.brand);
  if (cvcFailure) return { ok: false, status: 400, message: cvcFailure.message };
  const name = form.cardName.trim();
  const extras = sb.store.state.checkoutExtras[session.id] ?? NO_EXTRAS;
  const pm = createPaymentMethod(sb, found.card, expiry, name || null, true);
  const willSucceed = (session.mode === "payment" ? cardOf(sb, pm).charge : cardOf(sb, pm).attach) === null;
  if (willSucceed) ensureCustomer(sb, session, extras, name);
  const outcome = session.mode === "payment" ? pay(sb, session, extras, pm) : setup(sb, session, extras, pm);
  if (!outcome.ok) return { ok: false, status: 402, message: outcome.error.message };
  complete(sb, session, name);
  return { ok: true, redirect: session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) };
}
