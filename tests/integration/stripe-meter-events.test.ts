import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { POST as apiRoute } from "@/app/api/v1/stripe/v1/billing/meter_events/route";
import { POST as rootRoute } from "@/app/v1/billing/meter_events/route";
import { prisma } from "@/lib/db/client";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";

type World = Awaited<ReturnType<typeof meteredCustomer>>;

/** The app's two meter-event routes on a loopback port, as the Next.js server would answer them. */
async function serveRoutes(): Promise<{ port: number; server: Server }> {
  const routes: Record<string, (req: Request) => Promise<Response>> = {
    "/v1/billing/meter_events": rootRoute,
    "/api/v1/stripe/v1/billing/meter_events": apiRoute,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const route = routes[new URL(req.url ?? "/", "http://127.0.0.1").pathname];
      if (!route || req.method !== "POST") return void res.writeHead(404).end();
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await route(new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }));
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

describe("Stripe meter events (POST /v1/billing/meter_events) at Meterly, sent by the stripe SDK", () => {
  let w: World;
  let served: { port: number; server: Server };
  let stripe: Stripe;
  const countEvents = () => prisma.usageEvent.count({ where: { customerId: w.customer.id } });
  const rollupSum = async () => (await prisma.usageRollup.aggregate({ where: { customerId: w.customer.id, meterId: w.meter.id }, _sum: { sum: true } }))._sum.sum?.toString() ?? "0";

  beforeAll(async () => {
    w = await meteredCustomer();
    served = await serveRoutes();
    // Only the host changes: the key is a Meterly API key, the calls are Stripe's.
    stripe = new Stripe(w.key.secret, { host: "127.0.0.1", port: served.port, protocol: "http", maxNetworkRetries: 0 });
  });
  afterAll(() => new Promise<void>((resolve) => served.server.close(() => resolve())));

  it("stores a meter event with the value under the meter's value property, once per identifier", async () => {
    const timestamp = Math.floor(Date.now() / 1000) - 60;
    const params = { event_name: w.meter.eventType, payload: { stripe_customer_id: w.customer.externalId, value: "25", model: "gpt-x" }, identifier: `st-${w.tag}-1`, timestamp };
    const created = await stripe.billing.meterEvents.create(params);
    expect(created).toMatchObject({ object: "billing.meter_event", event_name: w.meter.eventType, identifier: `st-${w.tag}-1`, timestamp, livemode: false });
    expect(created.payload).toEqual({ stripe_customer_id: w.customer.externalId, value: "25", model: "gpt-x" });
    const again = await stripe.billing.meterEvents.create(params);
    expect(again.identifier).toBe(`st-${w.tag}-1`);
    expect(await countEvents()).toBe(1);
    expect(await rollupSum()).toBe("25");
    const stored = await prisma.usageEvent.findFirstOrThrow({ where: { customerId: w.customer.id, idempotencyKey: `st-${w.tag}-1` } });
    expect(stored.timestamp.getTime()).toBe(timestamp * 1000);
    expect(stored.properties).toMatchObject({ tokens: "25", value: "25", model: "gpt-x" });
  });

  it("without an identifier uses the SDK's Idempotency-Key, so the SDK's own retries count once", async () => {
    const before = await countEvents();
    const key = `idem-${w.tag}`;
    const params = { event_name: w.meter.eventType, payload: { customer: w.customer.externalId, value: "5" } };
    const a = await stripe.billing.meterEvents.create(params, { idempotencyKey: key });
    const b = await stripe.billing.meterEvents.create(params, { idempotencyKey: key });
    expect(a.identifier).toBe(key);
    expect(b.identifier).toBe(key);
    expect(await countEvents()).toBe(before + 1);
  });

  it("answers refusals as Stripe errors naming Stripe's parameter, storing nothing", async () => {
    const before = await countEvents();
    const unknownCustomer = stripe.billing.meterEvents.create({ event_name: w.meter.eventType, payload: { stripe_customer_id: "cus_nobody", value: "1" } });
    await expect(unknownCustomer).rejects.toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, param: "payload[stripe_customer_id]", code: "known_customer" });
    const badValue = stripe.billing.meterEvents.create({ event_name: w.meter.eventType, payload: { stripe_customer_id: w.customer.externalId, value: "lots" } });
    await expect(badValue).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "payload[value]", code: "numeric" });
    const noCustomer = stripe.billing.meterEvents.create({ event_name: w.meter.eventType, payload: { value: "1" } });
    await expect(noCustomer).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "payload[stripe_customer_id]" });
    const unknownType = stripe.billing.meterEvents.create({ event_name: "no_such_event", payload: { stripe_customer_id: w.customer.externalId, value: "1" } });
    await expect(unknownType).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "event_name" });
    const conflict = stripe.billing.meterEvents.create({ event_name: w.meter.eventType, payload: { stripe_customer_id: w.customer.externalId, value: "26", model: "gpt-x" }, identifier: `st-${w.tag}-1` });
    await expect(conflict).rejects.toMatchObject({ type: "StripeIdempotencyError", param: "identifier" });
    const wrongKey = new Stripe("mtr_not-a-key", { host: "127.0.0.1", port: served.port, protocol: "http", maxNetworkRetries: 0 });
    await expect(wrongKey.billing.meterEvents.create({ event_name: w.meter.eventType, payload: { stripe_customer_id: w.customer.externalId, value: "1" } })).rejects.toMatchObject({ type: "StripeAuthenticationError" });
    expect(await countEvents()).toBe(before);
  });

  it("accepts the same body form-encoded or as JSON at /api/v1/stripe/v1/billing/meter_events, and a COUNT meter needs no value", async () => {
    const count = await upsertMeter({ key: `calls_${w.tag}`, eventType: `api_call_${w.tag}`, aggregation: "COUNT", valueProperty: null, groupBy: [] });
    const form = new URLSearchParams({ event_name: count.eventType, "payload[stripe_customer_id]": w.customer.externalId, identifier: `form-${w.tag}` });
    const viaForm = await callRoute(apiRoute, { key: w.key.secret, rawBody: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(viaForm.status).toBe(200);
    expect(viaForm.json).toMatchObject({ object: "billing.meter_event", identifier: `form-${w.tag}` });
    const viaJson = await callRoute(apiRoute, { key: w.key.secret, body: { event_name: w.meter.eventType, payload: { stripe_customer_id: w.customer.externalId, value: 3 }, identifier: `json-${w.tag}` } });
    expect(viaJson.status).toBe(200);
    expect(viaJson.json.payload.value).toBe("3");
    const missing = await callRoute(apiRoute, { key: w.key.secret, body: { payload: { stripe_customer_id: w.customer.externalId } } });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ type: "invalid_request_error", param: "event_name" });
  });
});
