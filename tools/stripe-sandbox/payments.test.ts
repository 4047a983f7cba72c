import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkFor, startHarness, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function customerWithCard(number: string) {
  const customer = await h.stripe.customers.create({ email: `${number}@example.com` });
  const pm = await h.stripe.paymentMethods.create({ type: "card", card: { number, exp_month: 12, exp_year: 2034, cvc: "123" } });
  expect(pm.id).toMatch(/^pm_/);
  const attached = await h.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
  expect(attached.customer).toBe(customer.id);
  await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  return { customer, pm: attached };
}

async function cardError(promise: Promise<unknown>): Promise<Stripe.errors.StripeCardError> {
  const error: unknown = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
  return error as Stripe.errors.StripeCardError;
}

describe("off-session PaymentIntents", () => {
  it("charges a saved 4242 card and sends payment_intent.succeeded", async () => {
    const { customer, pm } = await customerWithCard("4242424242424242");
    const fetched = await h.stripe.customers.retrieve(customer.id);
    expect((fetched as Stripe.Customer).invoice_settings.default_payment_method).toBe(pm.id);
    const pi = await h.stripe.paymentIntents.create({
      amount: 2500,
      currency: "usd",
      customer: customer.id,
      payment_method: pm.id,
      off_session: true,
      confirm: true,
      description: "Auto top-up",
      metadata: { orgId: "org_9", kind: "auto_topup" },
    });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi).toMatchObject({ object: "payment_intent", status: "succeeded", amount: 2500, amount_received: 2500, currency: "usd", payment_method: pm.id, livemode: false });
    expect(pi.latest_charge).toMatch(/^ch_/);
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({ status: "succeeded", paid: true, amount: 2500, payment_intent: pi.id });
    const event = await h.receiver.waitFor("payment_intent.succeeded", pi.id);
    expect(event.data.object).toMatchObject({ metadata: { orgId: "org_9", kind: "auto_topup" }, status: "succeeded" });
    expect(event.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");
  });

  it("a declining saved card (4000 0000 0000 0341) throws StripeCardError and sends payment_failed", async () => {
    const { customer, pm } = await customerWithCard("4000000000000341");
    const error = await cardError(
      h.stripe.paymentIntents.create({ amount: 1500, currency: "usd", customer: customer.id, payment_method: pm.id, off_session: true, confirm: true }),
    );
    expect(error).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." });
    expect(error.payment_intent).toMatchObject({ status: "requires_payment_method", customer: customer.id });
    expect(error.payment_intent?.last_payment_error?.code).toBe("card_declined");
    expect(error.charge).toMatch(/^ch_/);
    const failed = await h.receiver.waitFor("payment_intent.payment_failed", error.payment_intent?.id);
    expect(failed.data.object).toMatchObject({ status: "requires_payment_method" });
    await h.sandbox.webhooksIdle();
    expect(h.receiver.eventsOf("payment_intent.succeeded", error.payment_intent?.id)).toHaveLength(0);
  });

  it("test tokens and other decline cards behave like Stripe's", async () => {
    const customer = await h.stripe.customers.create({});
    const insufficient = await cardError(
      h.stripe.paymentIntents.create({ amount: 1500, currency: "usd", customer: customer.id, payment_method: "pm_card_chargeDeclinedInsufficientFunds", confirm: true, off_session: true }),
    );
    expect(insufficient).toMatchObject({ code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." });
    // Attaching a generic-decline card fails, as Stripe validates the card on attach.
    const pm = await h.stripe.paymentMethods.create({ type: "card", card: { number: "4000000000000002", exp_month: 1, exp_year: 2035 } });
    const attachError = await cardError(h.stripe.paymentMethods.attach(pm.id, { customer: customer.id }));
    expect(attachError.code).toBe("card_declined");
    const ok = await h.stripe.paymentIntents.create({ amount: 900, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    expect(ok.status).toBe("succeeded");
    await expect(h.stripe.paymentIntents.create({ amount: 10, currency: "usd" })).rejects.toMatchObject({ code: "amount_too_small" });
  });

  it("an idempotency key returns the same PaymentIntent and sends no second event", async () => {
    const { customer, pm } = await customerWithCard("4242424242424242");
    const params: Stripe.PaymentIntentCreateParams = { amount: 4200, currency: "usd", customer: customer.id, payment_method: pm.id, off_session: true, confirm: true };
    const first = await h.stripe.paymentIntents.create(params, { idempotencyKey: "topup-org9-2024-01" });
    const second = await h.stripe.paymentIntents.create(params, { idempotencyKey: "topup-org9-2024-01" });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    await h.sandbox.webhooksIdle();
    const succeeded = h.sandbox.events().filter((e) => e.type === "payment_intent.succeeded" && e.data.object.id === first.id);
    expect(succeeded).toHaveLength(1);
    expect(h.receiver.eventsOf("payment_intent.succeeded", first.id)).toHaveLength(1);
    expect(Object.values((await h.stripe.paymentIntents.list({ customer: customer.id })).data)).toHaveLength(1);
    await expect(h.stripe.paymentIntents.create({ ...params, amount: 4300 }, { idempotencyKey: "topup-org9-2024-01" })).rejects.toBeInstanceOf(
      Stripe.errors.StripeIdempotencyError,
    );
  });

  it("replays a declined call with the same key as the same 402", async () => {
    const { customer, pm } = await customerWithCard("4000000000000341");
    const params: Stripe.PaymentIntentCreateParams = { amount: 4200, currency: "usd", customer: customer.id, payment_method: pm.id, off_session: true, confirm: true };
    const first = await cardError(h.stripe.paymentIntents.create(params, { idempotencyKey: "decline-once" }));
    const second = await cardError(h.stripe.paymentIntents.create(params, { idempotencyKey: "decline-once" }));
    expect(second.payment_intent?.id).toBe(first.payment_intent?.id);
    expect(h.sandbox.events().filter((e) => e.type === "payment_intent.payment_failed" && e.data.object.id === first.payment_intent?.id)).toHaveLength(1);
  });
});

describe("refunds", () => {
  it("refunds a succeeded payment in parts, once per idempotency key, and refuses more than is left", async () => {
    const { customer, pm } = await customerWithCard("4242424242424242");
    const pi = await h.stripe.paymentIntents.create({ amount: 5000, currency: "usd", customer: customer.id, payment_method: pm.id, off_session: true, confirm: true });
    const first = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1200, metadata: { creditNote: "MTR-1-CN1" } }, { idempotencyKey: "cn-1" });
    expect(first).toMatchObject({ object: "refund", status: "succeeded", amount: 1200, payment_intent: pi.id, charge: pi.latest_charge, metadata: { creditNote: "MTR-1-CN1" } });
    const replayed = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1200, metadata: { creditNote: "MTR-1-CN1" } }, { idempotencyKey: "cn-1" });
    expect(replayed.id).toBe(first.id);
    expect(await h.stripe.charges.retrieve(String(pi.latest_charge))).toMatchObject({ amount_refunded: 1200, refunded: false });
    const event = await h.receiver.waitFor("charge.refunded", String(pi.latest_charge));
    expect(event.data.object).toMatchObject({ amount_refunded: 1200 });
    await h.receiver.waitFor("refund.created", first.id);
    await expect(h.stripe.refunds.create({ payment_intent: pi.id, amount: 3801 })).rejects.toMatchObject({ statusCode: 400, code: "amount_too_large", param: "amount" });
    const rest = await h.stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(3800);
    expect(await h.stripe.charges.retrieve(String(pi.latest_charge))).toMatchObject({ amount_refunded: 5000, refunded: true });
    await expect(h.stripe.refunds.create({ payment_intent: pi.id, amount: 1 })).rejects.toMatchObject({ statusCode: 400, code: "charge_already_refunded" });
    expect((await h.stripe.refunds.list({ payment_intent: pi.id })).data.map((r) => r.amount)).toEqual([3800, 1200]);
  });

  it("refuses a refund of a payment that did not succeed", async () => {
    const { customer, pm } = await customerWithCard("4000000000000341");
    const error = await cardError(h.stripe.paymentIntents.create({ amount: 1500, currency: "usd", customer: customer.id, payment_method: pm.id, off_session: true, confirm: true }));
    await expect(h.stripe.refunds.create({ charge: String(error.charge) })).rejects.toMatchObject({ statusCode: 400, code: "charge_not_refundable" });
  });
});

describe("API surface", () => {
  it("rejects missing or non-test keys with a 401", async () => {
    await expect(sdkFor(h.sandbox.port, "sk_live_abcdefghijklmnop").customers.create({})).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const res = await fetch(`${h.sandbox.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("answers unknown paths with a Stripe-shaped 404 naming the path", async () => {
    const res = await fetch(`${h.sandbox.url}/v1/subscriptions`, { headers: { authorization: "Bearer sk_test_x" } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toContain("GET: /v1/subscriptions");
  });

  it("lists events newest first and retrieves one", async () => {
    const customer = await h.stripe.customers.create({ name: "Events" });
    const page = await h.stripe.events.list({ limit: 3 });
    expect(page.data).toHaveLength(3);
    expect(page.has_more).toBe(true);
    expect(page.data[0]).toMatchObject({ type: "customer.created", data: { object: { id: customer.id } } });
    const created = page.data.map((e) => e.created);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    expect((await h.stripe.events.retrieve(page.data[0].id)).id).toBe(page.data[0].id);
    const next = await h.stripe.events.list({ limit: 3, starting_after: page.data[2].id });
    expect(next.data[0].id).not.toBe(page.data[2].id);
    await expect(h.stripe.events.retrieve("evt_missing")).rejects.toMatchObject({ statusCode: 404 });
  });
});
