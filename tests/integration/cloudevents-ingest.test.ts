import { beforeAll, describe, expect, it } from "vitest";
import { CloudEvent, HTTP } from "cloudevents";
import { POST } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";

type World = Awaited<ReturnType<typeof meteredCustomer>>;

const countEvents = (customerId: string) => prisma.usageEvent.count({ where: { customerId } });
const rollupSum = async (customerId: string, meterId: string) =>
  (await prisma.usageRollup.aggregate({ where: { customerId, meterId }, _sum: { sum: true } }))._sum.sum?.toString() ?? "0";

/** Sends a message made by the cloudevents SDK (its headers and body, as its HTTP binding emits them). */
function send(key: string, message: { headers: Record<string, unknown>; body: unknown }) {
  const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)]));
  return callRoute(POST, { key, rawBody: String(message.body), headers });
}

const BATCH = "application/cloudevents-batch+json";

describe("POST /api/v1/events with CloudEvents (events built by the cloudevents SDK)", () => {
  let w: World;
  const usage = (id: string, tokens: number, extra: Record<string, unknown> = {}) =>
    new CloudEvent({ id, source: "/chat-service", type: w.meter.eventType, subject: w.customer.externalId, data: { tokens, model: "gpt-x" }, ...extra });

  beforeAll(async () => {
    w = await meteredCustomer();
  });

  it("stores a structured-mode event once: the same CloudEvent sent again is a duplicate, counted once", async () => {
    const ce = usage(`ce-${w.tag}-once`, 700);
    const message = HTTP.structured(ce);
    expect(message.headers["content-type"]).toMatch(/^application\/cloudevents\+json/);
    const first = await send(w.key.secret, message);
    expect(first.status).toBe(202);
    expect(first.json).toEqual({ id: ce.id, status: "accepted" });
    const again = await send(w.key.secret, HTTP.structured(ce));
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ id: ce.id, status: "duplicate", contentDiffers: false });
    expect(await countEvents(w.customer.id)).toBe(1);
    expect(await rollupSum(w.customer.id, w.meter.id)).toBe("700");
    const stored = await prisma.usageEvent.findFirstOrThrow({ where: { customerId: w.customer.id, idempotencyKey: ce.id } });
    expect(stored.eventType).toBe(w.meter.eventType);
    expect(stored.timestamp.toISOString()).toBe(new Date(ce.time!).toISOString());
    expect(stored.properties).toEqual({ tokens: 700, model: "gpt-x", $source: "/chat-service" });
  });

  it("stores a batch, each event once, and answers as a JSON batch does", async () => {
    const events = [usage(`ce-${w.tag}-b1`, 10), usage(`ce-${w.tag}-b2`, 20), usage(`ce-${w.tag}-b3`, 30)];
    const before = await countEvents(w.customer.id);
    const body = JSON.stringify(events.map((e) => e.toJSON()));
    const res = await callRoute(POST, { key: w.key.secret, rawBody: body, headers: { "content-type": BATCH } });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    expect(res.json.events.map((e: { id: string }) => e.id)).toEqual(events.map((e) => e.id));
    // The batch again, and one more event beside it: only the new one is stored.
    const again = [...events, usage(`ce-${w.tag}-b4`, 40)];
    const res2 = await callRoute(POST, { key: w.key.secret, rawBody: JSON.stringify(again.map((e) => e.toJSON())), headers: { "content-type": BATCH } });
    expect(res2.json).toMatchObject({ accepted: 1, duplicates: 3, rejected: 0 });
    expect(await countEvents(w.customer.id)).toBe(before + 4);
  });

  it("accepts binary mode (ce-* headers, data as the body)", async () => {
    const ce = usage(`ce-${w.tag}-binary`, 5);
    const message = HTTP.binary(ce);
    expect(message.headers["ce-id"]).toBe(ce.id);
    const res = await send(w.key.secret, message);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ id: ce.id, status: "accepted" });
    expect(await prisma.usageEvent.count({ where: { customerId: w.customer.id, idempotencyKey: ce.id } })).toBe(1);
  });

  it("reads a structured-mode body by its Content-Type even when a ce-specversion header comes with it", async () => {
    const ce = usage(`ce-${w.tag}-both`, 6);
    const message = HTTP.structured(ce);
    const res = await send(w.key.secret, { headers: { ...message.headers, "ce-specversion": "1.0" }, body: message.body });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ id: ce.id, status: "accepted" });
  });

  it.each([
    ["specversion", { specversion: "0.3" }],
    ["subject", { subject: undefined }],
    ["type", { type: "" }],
    ["source", { source: "" }],
  ])("refuses a CloudEvent with a bad %s with 422 naming it, storing nothing", async (field, change) => {
    const before = await countEvents(w.customer.id);
    const raw = { ...usage(`ce-${w.tag}-bad-${field}`, 1).toJSON(), ...change };
    const res = await callRoute(POST, { key: w.key.secret, rawBody: JSON.stringify(raw), headers: { "content-type": "application/cloudevents+json" } });
    expect(res.status).toBe(422);
    expect(res.json.error.problems.map((p: { field: string }) => p.field)).toContain(field);
    expect(await countEvents(w.customer.id)).toBe(before);
  });

  it("names the CloudEvent's attributes in ingestion's rejections (subject, data), and a batch's event by index", async () => {
    const unknown = await send(w.key.secret, HTTP.structured(usage(`ce-${w.tag}-nobody`, 1, { subject: "nobody-here" })));
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.problems).toEqual([expect.objectContaining({ field: "subject", rule: "known_customer" })]);
    const noValue = await send(w.key.secret, HTTP.structured(usage(`ce-${w.tag}-novalue`, 1, { data: { model: "m" } })));
    expect(noValue.status).toBe(422);
    expect(noValue.json.error.problems[0].field).toBe("data.tokens");
    const batch = [usage(`ce-${w.tag}-ok`, 1).toJSON(), { ...usage(`ce-${w.tag}-x`, 1).toJSON(), id: undefined }];
    const res = await callRoute(POST, { key: w.key.secret, rawBody: JSON.stringify(batch), headers: { "content-type": BATCH } });
    expect(res.status).toBe(422);
    expect(res.json.error.problems[0].field).toBe("1.id");
    expect(await prisma.usageEvent.count({ where: { customerId: w.customer.id, idempotencyKey: `ce-${w.tag}-ok` } })).toBe(0);
  });

  it("refuses an empty batch, a batch that is not an array, and data that is not an object", async () => {
    const empty = await callRoute(POST, { key: w.key.secret, rawBody: "[]", headers: { "content-type": BATCH } });
    expect(empty.status).toBe(422);
    const notArray = await callRoute(POST, { key: w.key.secret, rawBody: "{}", headers: { "content-type": BATCH } });
    expect(notArray.status).toBe(422);
    const textData = { ...usage(`ce-${w.tag}-text`, 1).toJSON(), data: "hello" };
    const res = await callRoute(POST, { key: w.key.secret, rawBody: JSON.stringify(textData), headers: { "content-type": "application/cloudevents+json" } });
    expect(res.status).toBe(422);
    expect(res.json.error.problems[0].field).toBe("data");
  });

  it("still needs an API key", async () => {
    const res = await send("mtr_not-a-real-key", HTTP.structured(usage(`ce-${w.tag}-nokey`, 1)));
    expect(res.status).toBe(401);
  });
});
