import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { startStripeSandbox } from "./server";
import { sdkFor, startHarness, WEBHOOK_SECRET, type Harness } from "./test-helpers";
import { signPayload } from "./webhooks";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("webhook signing", () => {
  it("produces the header Stripe produces (t=..,v1=HMAC-SHA256 of `t.body`)", () => {
    const verifier = new Stripe("sk_test_verifier");
    const payload = JSON.stringify({ id: "evt_1", object: "event", type: "ping" }, null, 2);
    const header = signPayload(payload, WEBHOOK_SECRET, 1_700_000_000);
    const expected = verifier.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: 1_700_000_000 });
    expect(header).toBe(expected);
    const now = Math.floor(Date.now() / 1000);
    expect(verifier.webhooks.constructEvent(payload, signPayload(payload, WEBHOOK_SECRET, now), WEBHOOK_SECRET).id).toBe("evt_1");
    expect(() => verifier.webhooks.constructEvent(payload, signPayload(payload, "whsec_other", now), WEBHOOK_SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});

describe("webhook delivery", () => {
  it("retries after the endpoint answers 500 once, re-signing each attempt", async () => {
    h = await startHarness();
    h.receiver.failNext(500);
    const customer = await h.stripe.customers.create({ email: "retry@example.com" });
    const event = await h.receiver.waitFor("customer.created", customer.id);
    await h.sandbox.webhooksIdle();
    const attempts = h.sandbox.deliveries().filter((d) => d.eventId === event.id);
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const bodies = h.receiver.received.filter((r) => r.event?.id === event.id);
    expect(bodies).toHaveLength(2);
    expect(bodies.every((b) => b.verifyError === null)).toBe(true);
    const stored = h.sandbox.events().find((e) => e.id === event.id);
    expect(stored?.pending_webhooks).toBe(0);
  });

  it("gives up after the configured attempts when the endpoint is unreachable", async () => {
    h = await startHarness({ webhookRetryDelaysMs: [10, 10] });
    h.sandbox.setWebhookEndpoint("http://127.0.0.1:9/unreachable", WEBHOOK_SECRET);
    const customer = await h.stripe.customers.create({});
    await h.sandbox.webhooksIdle();
    const attempts = h.sandbox.deliveries().filter((d) => d.type === "customer.created");
    expect(attempts).toHaveLength(3);
    expect(attempts.every((a) => a.status === null && a.error !== null)).toBe(true);
    expect(h.sandbox.events().find((e) => e.data.object.id === customer.id)?.pending_webhooks).toBe(1);
  });

  it("resends a stored event through the admin endpoint (duplicate delivery)", async () => {
    h = await startHarness();
    const customer = await h.stripe.customers.create({});
    const event = await h.receiver.waitFor("customer.created", customer.id);
    const res = await fetch(`${h.sandbox.url}/_sandbox/events/${event.id}/resend`, { method: "POST" });
    expect(res.status).toBe(200);
    await h.sandbox.webhooksIdle();
    expect(h.receiver.eventsOf("customer.created", customer.id).map((e) => e.id)).toEqual([event.id, event.id]);
    const missing = await fetch(`${h.sandbox.url}/_sandbox/events/evt_nope/resend`, { method: "POST" });
    expect(missing.status).toBe(404);
  });

  it("delivers only subscribed event types", async () => {
    h = await startHarness({ webhookEvents: ["payment_intent.succeeded"] });
    await h.stripe.customers.create({});
    const pi = await h.stripe.paymentIntents.create({ amount: 700, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    await h.receiver.waitFor("payment_intent.succeeded", pi.id);
    await h.sandbox.webhooksIdle();
    expect(new Set(h.receiver.received.map((r) => r.event?.type))).toEqual(new Set(["payment_intent.succeeded"]));
  });
});

describe("state file", () => {
  it("keeps objects across restarts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stripe-sandbox-"));
    try {
      const stateFile = join(dir, "state.json");
      const first = await startStripeSandbox({ stateFile });
      const customer = await sdkFor(first.port).customers.create({ email: "persist@example.com" });
      await first.close();
      const second = await startStripeSandbox({ stateFile });
      try {
        const again = await sdkFor(second.port).customers.retrieve(customer.id);
        expect(again).toMatchObject({ id: customer.id, email: "persist@example.com" });
        expect(second.events().some((e) => e.type === "customer.created" && e.data.object.id === customer.id)).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
