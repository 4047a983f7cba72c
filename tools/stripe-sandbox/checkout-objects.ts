import { newId, nowSeconds, randomToken } from "./ids";
import type { Metadata } from "./objects";

export interface Price {
  id: string;
  object: "price";
  active: boolean;
  billing_scheme: "per_unit";
  created: number;
  currency: string;
  livemode: false;
  lookup_key: null;
  metadata: Metadata;
  nickname: null;
  product: string;
  recurring: null;
  tax_behavior: "unspecified";
  type: "one_time";
  unit_amount: number;
  unit_amount_decimal: string;
}

export interface LineItem {
  id: string;
  object: "item";
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  price: Price;
  quantity: number;
}

export interface CheckoutSession {
  id: string;
  object: "checkout.session";
  amount_subtotal: number | null;
  amount_total: number | null;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string | null;
  customer: string | null;
  customer_details: { email: string | null; name: string | null; address: null; phone: null; tax_exempt: "none"; tax_ids: [] } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  metadata: Metadata;
  mode: "payment" | "setup";
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: "paid" | "unpaid" | "no_payment_required";
  setup_intent: string | null;
  status: "open" | "complete" | "expired";
  success_url: string;
  ui_mode: "hosted";
  url: string | null;
}

export function buildLineItem(currency: string, unitAmount: number, quantity: number, name: string): LineItem {
  const amount = unitAmount * quantity;
  const price: Price = {
    id: newId("price"),
    object: "price",
    active: false,
    billing_scheme: "per_unit",
    created: nowSeconds(),
    currency,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: newId("prod"),
    recurring: null,
    tax_behavior: "unspecified",
    type: "one_time",
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
  };
  return {
    id: newId("li"),
    object: "item",
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency,
    description: name,
    price,
    quantity,
  };
}

/** What a session remembers for the PaymentIntent / SetupIntent it creates when paid (not part of the API object). */
export interface CheckoutExtras {
  setupFutureUsage: "off_session" | "on_session" | null;
  paymentIntentMetadata: Metadata;
  paymentIntentDescription: string | null;
  setupIntentMetadata: Metadata;
  /** Create a Customer on completion when none was given (saving a card needs one). */
  createCustomer: boolean;
}

export function buildCheckoutSession(input: {
  baseUrl: string;
  mode: CheckoutSession["mode"];
  currency: string | null;
  amount: number | null;
  customer: string | null;
  customerEmail: string | null;
  successUrl: string;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  metadata: Metadata;
  expiresAt: number | null;
}): CheckoutSession {
  const id = `cs_test_${randomToken(58)}`;
  const created = nowSeconds();
  return {
    id,
    object: "checkout.session",
    amount_subtotal: input.amount,
    amount_total: input.amount,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    created,
    currency: input.currency,
    customer: input.customer,
    customer_details: null,
    customer_email: input.customerEmail,
    expires_at: input.expiresAt ?? created + 24 * 60 * 60,
    livemode: false,
    metadata: input.metadata,
    mode: input.mode,
    payment_intent: null,
    payment_method_types: ["card"],
    payment_status: input.mode === "setup" ? "no_payment_required" : "unpaid",
    setup_intent: null,
    status: "open",
    success_url: input.successUrl,
    ui_mode: "hosted",
    url: `${input.baseUrl}/pay/${id}`,
  };
}
