import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, submitCard, WEBHOOK_SECRET, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const SUCCESS = "http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}";

async function createSession(customer: string, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return h.stripe.checkout.sessions.create({
    mode: "payment",
    customer,
    line_items: [{ price_data: { currency: "usd", unit_amount: 500, product_data: { name: "1,000 credits" } }, quantity: 2 }],
    success_url: SUCCESS,
    cancel_url: "http://app.test/billing?canceled=1",
    client_reference_id: "org_123",
    metadata: { orgId: "org_123", pack: "credits_1000" },
    payment_intent_data: { setup_future_usage: "off_session", metadata: { orgId: "org_123" } },
    ...extra,
  });
}

describe("customers", () => {
  it("creates, retrieves and updates a customer", async () => {
    const created = await h.stripe.customers.create({ email: "ada@example.com", name: "Ada", metadata: { orgId: "org_1" } });
    expect(created.id).toMatch(/^cus_/);
    expect(created).toMatchObject({ object: "customer", email: "ada@example.com", livemode: false, metadata: { orgId: "org_1" } });
    const updated = await h.stripe.customers.update(created.id, { name: "Ada L.", metadata: { plan: "pro" } });
    expect(updated.name).toBe("Ada L.");
    expect(updated.metadata).toEqual({ orgId: "org_1", plan: "pro" });
    const fetched = await h.stripe.customers.retrieve(created.id);
    expect(fetched).toMatchObject({ id: created.id, name: "Ada L." });
    await expect(h.stripe.customers.retrieve("cus_missing")).rejects.toMatchObject({ type: "StripeInvalidRequestError", statusCode: 404, code: "resource_missing" });
    await expect(
      h.stripe.customers.update(created.id, { invoice_settings: { default_payment_method: "pm_not_attached" } }),
    ).rejects.toMatchObject({ statusCode: 400, param: "invoice_settings[default_payment_method]" });
  });
});

describe("checkout (hosted page)", () => {
  it("4242 pays: redirect to success_url, session complete, card saved, signed webhooks verified", async () => {
    const customer = await h.stripe.customers.create({ email: "pay@example.com" });
    const session = await createSession(customer.id);
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({ object: "checkout.session", status: "open", payment_status: "unpaid", amount_total: 1000, currency: "usd", customer: customer.id });
    expect(session.url).toBe(`${h.sandbox.url}/pay/${session.id}`);

    const page = await fetch(session.url ?? "");
    const html = await page.text();
    expect(page.status).toBe(200);
    for (const needle of ['id="cardNumber"', 'id="cardExpiry"', 'id="cardCvc"', "Pay $10.00", "Test mode", "1,000 credits", 'href="http://app.test/billing?canceled=1"']) {
      expect(html).toContain(needle);
    }

    const res = await submitCard(session.url ?? "", "4242 4242 4242 4242");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`http://app.test/billing/success?session_id=${session.id}`);

    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent", "line_items"] });
    expect(done).toMatchObject({ status: "complete", payment_status: "paid", url: null });
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({ object: "payment_intent", status: "succeeded", amount: 1000, amount_received: 1000, customer: customer.id, metadata: { orgId: "org_123" } });
    expect(done.line_items?.data[0]).toMatchObject({ quantity: 2, amount_total: 1000, description: "1,000 credits" });

    const completed = await h.receiver.waitFor("checkout.session.completed", session.id);
    const object = completed.data.object as Stripe.Checkout.Session;
    expect(object).toMatchObject({ status: "complete", payment_status: "paid", client_reference_id: "org_123", metadata: { orgId: "org_123", pack: "credits_1000" } });
    expect(completed).toMatchObject({ object: "event", livemode: false, api_version: "2026-10-28.endive", request: { id: null, idempotency_key: null } });
    expect(completed.id).toMatch(/^evt_/);
    await h.receiver.waitFor("payment_intent.succeeded", pi.id);

    const cards = await h.stripe.paymentMethods.list({ customer: customer.id, type: "card" });
    expect(cards.data).toHaveLength(1);
    expect(cards.data[0]).toMatchObject({ customer: customer.id, card: { brand: "visa", last4: "4242" } });
    expect(pi.payment_method).toBe(cards.data[0].id);
  });

  it("webhook signatures verify for real and a tampered body does not", async () => {
    const customer = await h.stripe.customers.create({ email: "signed@example.com" });
    const event = await h.receiver.waitFor("customer.created", customer.id);
    const delivery = h.receiver.received.find((r) => r.event?.id === event.id);
    expect(delivery?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const rawBody = delivery?.rawBody ?? "";
    const signature = delivery?.signature ?? "";
    const verifier = new Stripe("sk_test_verifier");
    expect(verifier.webhooks.constructEvent(rawBody, signature, WEBHOOK_SECRET).id).toBe(event.id);
    const tampered = rawBody.replace("signed@example.com", "evil@example.com");
    expect(tampered).not.toBe(rawBody);
    expect(() => verifier.webhooks.constructEvent(tampered, signature, WEBHOOK_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => verifier.webhooks.constructEvent(rawBody, signature, "whsec_wrong")).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it("0002 is declined: error on the page, session stays open, payment_failed but no completed event", async () => {
    const customer = await h.stripe.customers.create({ email: "decline@example.com" });
    const session = await createSession(customer.id);
    const res = await submitCard(session.url ?? "", "4000000000000002");
    expect(res.status).toBe(402);
    const html = await res.text();
    expect(html).toContain("Your card was declined.");
    expect(html).toContain('id="cardNumber"');

    const still = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(still).toMatchObject({ status: "open", payment_status: "unpaid" });
    const failed = await h.receiver.waitFor("payment_intent.payment_failed");
    const failedPi = h.receiver.eventsOf("payment_intent.payment_failed").map((e) => e.data.object as Stripe.PaymentIntent).find((p) => p.id === still.payment_intent);
    expect(failed.type).toBe("payment_intent.payment_failed");
    expect(failedPi?.last_payment_error).toMatchObject({ code: "card_declined", decline_code: "generic_decline" });
    await h.sandbox.webhooksIdle();
    expect(h.receiver.eventsOf("checkout.session.completed", session.id)).toHaveLength(0);
    expect((await h.stripe.paymentMethods.list({ customer: customer.id })).data).toHaveLength(0);

    // The customer can retry with a good card on the same session.
    const retry = await submitCard(session.url ?? "", "4242424242424242");
    expect(retry.status).toBe(303);
    await h.receiver.waitFor("checkout.session.completed", session.id);
  });

  it("9995 shows insufficient funds; invalid numbers are rejected without events", async () => {
    const customer = await h.stripe.customers.create({});
    const session = await createSession(customer.id);
    const before = h.sandbox.events().length;
    const invalid = await submitCard(session.url ?? "", "4242424242424241");
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("Your card number is incorrect.");
    expect(h.sandbox.events().length).toBe(before);
    const res = await submitCard(session.url ?? "", "4000 0000 0000 9995");
    expect(res.status).toBe(402);
    expect(await res.text()).toContain("Your card has insufficient funds.");
  });

  it("mode=setup saves the card to the customer", async () => {
    const customer = await h.stripe.customers.create({ email: "setup@example.com" });
    const session = await h.stripe.checkout.sessions.create({ mode: "setup", customer: customer.id, currency: "usd", success_url: SUCCESS });
    const page = await (await fetch(session.url ?? "")).text();
    expect(page).toContain("Save card");
    expect((await submitCard(session.url ?? "", "5555555555554444")).status).toBe(303);
    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] });
    expect(done.status).toBe("complete");
    const si = done.setup_intent as Stripe.SetupIntent;
    expect(si).toMatchObject({ status: "succeeded", customer: customer.id });
    const pm = await h.stripe.paymentMethods.retrieve(String(si.payment_method));
    expect(pm).toMatchObject({ customer: customer.id, card: { brand: "mastercard", last4: "4444" } });
    await h.receiver.waitFor("checkout.session.completed", session.id);
  });

  it("validates parameters like Stripe and serves completed sessions no more", async () => {
    await expect(h.stripe.checkout.sessions.create({ mode: "payment", success_url: SUCCESS })).rejects.toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "line_items",
    });
    const customer = await h.stripe.customers.create({});
    const session = await createSession(customer.id);
    expect((await submitCard(session.url ?? "", "4242424242424242")).status).toBe(303);
    const again = await submitCard(`${h.sandbox.url}/pay/${session.id}`, "4242424242424242");
    expect(again.status).toBe(409);
    const expired = await createSession(customer.id);
    const closed = await h.stripe.checkout.sessions.expire(expired.id);
    expect(closed).toMatchObject({ status: "expired", url: null });
    expect(await (await fetch(`${h.sandbox.url}/pay/${expired.id}`)).text()).toContain("expired");
  });
});
