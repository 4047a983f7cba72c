import { cardByNumber, cardForToken, type TestCard } from "./cards";
import type { RequestMeta, Sandbox } from "./context";
import { invalidRequest, SandboxError, type StripeErrorBody } from "./errors";
import { buildPaymentMethod, type PaymentMethod } from "./objects";
import { buildCharge, paymentError, type PaymentError, type PaymentIntent, type SetupIntent } from "./payment-objects";

export type Outcome = { ok: true } | { ok: false; error: PaymentError };

/** Expiry used for PaymentMethods made from `pm_card_*` tokens. */
function defaultExpiry(): { month: number; year: number } {
  return { month: 12, year: new Date().getUTCFullYear() + 5 };
}

/** Stores a new card PaymentMethod and remembers which test card it is. */
export function createPaymentMethod(sb: Sandbox, card: TestCard, exp: { month: number; year: number }, name: string | null, cvcChecked: boolean): PaymentMethod {
  const pm = sb.store.put("paymentMethods", buildPaymentMethod(card, exp, name, cvcChecked));
  sb.store.state.cardNumbers[pm.id] = card.number;
  return pm;
}

/** A stored `pm_` id, or a Stripe test token (`pm_card_visa`, `pm_card_chargeDeclined`, ...) which mints a fresh PaymentMethod. */
export function resolvePaymentMethod(sb: Sandbox, id: string, param = "payment_method"): PaymentMethod {
  const tokenCard = cardForToken(id);
  if (tokenCard && !sb.store.find("paymentMethods", id)) return createPaymentMethod(sb, tokenCard, defaultExpiry(), null, false);
  return sb.store.get("paymentMethods", id, param);
}

export function cardOf(sb: Sandbox, pm: PaymentMethod): TestCard {
  return cardByNumber(sb.store.state.cardNumbers[pm.id] ?? "4242424242424242");
}

/** The 402 body for a card error, with the PaymentIntent / SetupIntent embedded as Stripe does. */
export function cardErrorBody(error: PaymentError, intent?: { pi?: PaymentIntent; si?: SetupIntent }): StripeErrorBody {
  const body: StripeErrorBody = { ...error, param: "", request_log_url: "https://dashboard.stripe.com/test/logs" };
  if (intent?.pi) body.payment_intent = structuredClone(intent.pi);
  if (intent?.si) body.setup_intent = structuredClone(intent.si);
  return body;
}

/** Attaches a PaymentMethod to a customer; declining test cards (other than 0341) fail like Stripe's validation. */
export function attachPaymentMethod(sb: Sandbox, pm: PaymentMethod, customerId: string, meta: RequestMeta): void {
  if (pm.customer === customerId) return;
  if (pm.customer) {
    throw invalidRequest("The payment method you provided has already been attached to a customer.", "payment_method", "payment_method_unexpected_state");
  }
  const failure = cardOf(sb, pm).attach;
  if (failure) throw new SandboxError(402, cardErrorBody(paymentError(failure, pm)));
  sb.store.get("customers", customerId, "customer");
  pm.customer = customerId;
  sb.emit("payment_method.attached", pm, meta);
}

/** Checks a PaymentMethod may be used for this customer (Stripe refuses another customer's card). */
export function assertUsableBy(pm: PaymentMethod, customer: string | null): void {
  if (pm.customer && pm.customer !== customer) {
    throw invalidRequest(
      customer
        ? `The provided PaymentMethod ${pm.id} does not belong to the Customer ${customer}.`
        : `The provided PaymentMethod is attached to a Customer (${pm.customer}). Please provide the Customer ID when using it.`,
      "payment_method",
    );
  }
}

/** Charges the card: creates a Charge, moves the PaymentIntent on and emits the matching events. */
export function chargePaymentIntent(sb: Sandbox, pi: PaymentIntent, pm: PaymentMethod, meta: RequestMeta): Outcome {
  const failure = cardOf(sb, pm).charge;
  if (!failure && pi.setup_future_usage && pi.customer && pm.customer !== pi.customer) {
    attachPaymentMethod(sb, pm, pi.customer, meta);
  }
  const charge = sb.store.put("charges", buildCharge(pi, pm, failure));
  pi.latest_charge = charge.id;
  if (failure) {
    const error = paymentError(failure, pm, charge.id);
    pi.status = "requires_payment_method";
    pi.payment_method = null;
    pi.last_payment_error = error;
    sb.emit("charge.failed", charge, meta);
    sb.emit("payment_intent.payment_failed", pi, meta);
    return { ok: false, error };
  }
  pi.status = "succeeded";
  pi.payment_method = pm.id;
  pi.amount_received = pi.amount;
  pi.last_payment_error = null;
  sb.emit("charge.succeeded", charge, meta);
  sb.emit("payment_intent.succeeded", pi, meta);
  return { ok: true };
}

/** Confirms a SetupIntent: validates the card, attaches it to the customer, emits the events. */
export function confirmSetupIntent(sb: Sandbox, si: SetupIntent, pm: PaymentMethod, meta: RequestMeta): Outcome {
  const failure = cardOf(sb, pm).attach;
  if (failure) {
    const error = paymentError(failure, pm);
    si.status = "requires_payment_method";
    si.last_setup_error = error;
    sb.emit("setup_intent.setup_failed", si, meta);
    return { ok: false, error };
  }
  if (si.customer) attachPaymentMethod(sb, pm, si.customer, meta);
  si.status = "succeeded";
  si.payment_method = pm.id;
  si.last_setup_error = null;
  sb.emit("setup_intent.succeeded", si, meta);
  return { ok: true };
}
