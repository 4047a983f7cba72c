import type { CardFailure } from "./cards";
import { docUrl } from "./errors";
import { newId, nowSeconds, randomToken } from "./ids";
import type { Metadata, PaymentMethod } from "./objects";

/** `last_payment_error` / `last_setup_error`, and the body of a 402 card_error. */
export interface PaymentError {
  type: "card_error";
  code: string;
  decline_code?: string;
  doc_url: string;
  message: string;
  charge?: string;
  payment_method: PaymentMethod;
}

export interface PaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  canceled_at: null;
  cancellation_reason: null;
  capture_method: "automatic_async";
  client_secret: string;
  confirmation_method: "automatic";
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: PaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  next_action: null;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  setup_future_usage: "off_session" | "on_session" | null;
  status: "requires_payment_method" | "requires_confirmation" | "succeeded";
}

export interface Charge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  billing_details: PaymentMethod["billing_details"];
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Metadata;
  outcome: { network_status: string; reason: string | null; risk_level: "normal"; seller_message: string; type: string };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { type: "card"; card: Omit<PaymentMethod["card"], "checks" | "display_brand" | "networks" | "three_d_secure_usage" | "wallet"> };
  receipt_url: null;
  refunded: boolean;
  status: "succeeded" | "failed";
}

export interface Refund {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  status: "succeeded";
}

export interface SetupIntent {
  id: string;
  object: "setup_intent";
  cancellation_reason: null;
  client_secret: string;
  created: number;
  customer: string | null;
  description: string | null;
  last_setup_error: PaymentError | null;
  livemode: false;
  metadata: Metadata;
  next_action: null;
  payment_method: string | null;
  payment_method_types: string[];
  status: "requires_payment_method" | "succeeded";
  usage: "off_session";
}

export function paymentError(failure: CardFailure, pm: PaymentMethod, chargeId?: string): PaymentError {
  const error: PaymentError = { type: "card_error", code: failure.code, doc_url: docUrl(failure.code), message: failure.message, payment_method: pm };
  if (failure.declineCode) error.decline_code = failure.declineCode;
  if (chargeId) error.charge = chargeId;
  return error;
}

export function buildPaymentIntent(input: {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  paymentMethod: string | null;
  setupFutureUsage: PaymentIntent["setup_future_usage"];
}): PaymentIntent {
  const id = newId("pi");
  return {
    id,
    object: "payment_intent",
    amount: input.amount,
    amount_capturable: 0,
    amount_received: 0,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: "automatic",
    created: nowSeconds(),
    currency: input.currency,
    customer: input.customer,
    description: input.description,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: input.metadata,
    next_action: null,
    payment_method: input.paymentMethod,
    payment_method_types: ["card"],
    receipt_email: null,
    setup_future_usage: input.setupFutureUsage,
    status: input.paymentMethod ? "requires_confirmation" : "requires_payment_method",
  };
}

export function buildCharge(pi: PaymentIntent, pm: PaymentMethod, failure: CardFailure | null): Charge {
  const { fingerprint, brand, country, exp_month, exp_year, funding, last4 } = pm.card;
  return {
    id: newId("ch"),
    object: "charge",
    amount: pi.amount,
    amount_captured: failure ? 0 : pi.amount,
    amount_refunded: 0,
    billing_details: pm.billing_details,
    captured: !failure,
    created: nowSeconds(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_code: failure ? failure.code : null,
    failure_message: failure ? failure.message : null,
    livemode: false,
    metadata: { ...pi.metadata },
    outcome: failure
      ? { network_status: "declined_by_network", reason: failure.declineCode ?? failure.code, risk_level: "normal", seller_message: "The bank did not return any further details with this decline.", type: "issuer_declined" }
      : { network_status: "approved_by_network", reason: null, risk_level: "normal", seller_message: "Payment complete.", type: "authorized" },
    paid: !failure,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: { type: "card", card: { brand, country, exp_month, exp_year, fingerprint, funding, last4 } },
    receipt_url: null,
    refunded: false,
    status: failure ? "failed" : "succeeded",
  };
}

export function buildSetupIntent(customer: string | null, metadata: Metadata): SetupIntent {
  const id = newId("seti");
  return {
    id,
    object: "setup_intent",
    cancellation_reason: null,
    client_secret: `${id}_secret_${randomToken(25)}`,
    created: nowSeconds(),
    customer,
    description: null,
    last_setup_error: null,
    livemode: false,
    metadata,
    next_action: null,
    payment_method: null,
    payment_method_types: ["card"],
    status: "requires_payment_method",
    usage: "off_session",
  };
}
