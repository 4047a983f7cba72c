import { describe, expect, it, beforeAll } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { createTestApiKey } from "@/lib/seed/factories";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { upsertUser } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";

type World = Awaited<ReturnType<typeof meteredCustomer>>;

const countEvents = (customerId: string) => prisma.usageEvent.count({ where: { customerId } });
const rollupSum = async (customerId: string, meterId: string) =>
  (await prisma.usageRollup.aggregate({ where: { customerId, meterId }, _sum: { sum: true } }))._sum.sum?.toString() ?? "0";

describe("POST /api/v1/events", () => {
  let w: World;
  const event = (over: Record<string, unknown> = {}) => ({
    id: `evt-${Math.random().toString(36).slice(2)}`,
    customer: w.customer.externalId,
    type: w.meter.eventType,
    properties: { tokens: 1200, model: "gpt-x" },
    ...over,
  });

  beforeAll(async () => {
    w = await meteredCustomer();
  });

  it("stores an event once: the same id again is a duplicate", async () => {
    const e = event({ id: "evt-once" });
    const first = await callRoute(POST, { key: w.key.secret, body: e });
    expect(first.status).toBe(202);
    expect(first.json).toEqual({ id: "evt-once", status: "accepted" });
    const again = await callRoute(POST, { key: w.key.secret, body: e });
    expect(again.status).toBe(202);
    expect(again.json.status).toBe("duplicate");
    expect(await countEvents(w.customer.id)).toBe(1);
    expect(await rollupSum(w.customer.id, w.meter.id)).toBe("1200");
  });

  it("accepts decimal strings and counts them exactly", async () => {
    const before = await rollupSum(w.customer.id, w.meter.id);
    const res = await callRoute(POST, { key: w.key.secret, body: event({ properties: { tokens: "0.1", model: "m" } }) });
    expect(res.status).toBe(202);
    const res2 = await callRoute(POST, { key: w.key.secret, body: event({ properties: { tokens: "0.2", model: "m" } }) });
    expect(res2.status).toBe(202);
    expect(Number(await rollupSum(w.customer.id, w.meter.id)) - Number(before)).toBeCloseTo(0.3, 12);
    const rows = await prisma.usageRollup.findMany({ where: { customerId: w.customer.id, dimensions: JSON.stringify(["m"]) } });
    expect(rows.map((r) => r.sum.toString())).toEqual(["0.3"]);
  });

  it("refuses requests without a valid key with 401", async () => {
    expect((await callRoute(POST, { key: null, body: event() })).status).toBe(401);
    expect((await callRoute(POST, { key: "mtr_not-a-real-key", body: event() })).status).toBe(401);
  });

  it("a revoked key stops working at once", async () => {
    const key = await createTestApiKey();
    expect((await callRoute(POST, { key: key.secret, body: event() })).status).toBe(202);
    const admin = await upsertUser({ role: "ADMIN" });
    await revokeApiKey({ kind: "user", userId: admin.id, role: "ADMIN", customerId: null }, key.id);
    const res = await callRoute(POST, { key: key.secret, body: event() });
    expect(res.status).toBe(401);
  });

  it("answers malformed JSON with 400 and an oversized body with 413, writing nothing", async () => {
    const before = await countEvents(w.customer.id);
    const bad = await callRoute(POST, { key: w.key.secret, rawBody: "{not json" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/not valid JSON/);
    const big = await callRoute(POST, { key: w.key.secret, rawBody: JSON.stringify({ ...event(), properties: { tokens: 1, pad: "x".repeat(1024 * 1024) } }) });
    expect(big.status).toBe(413);
    expect(await countEvents(w.customer.id)).toBe(before);
  });

  it.each([
    ["unknown customer", { customer: "nobody-here" }, "customer", "known_customer"],
    ["unknown event type", { type: "no_such_type" }, "type", "known_event_type"],
    ["missing id", { id: undefined }, "id", "invalid_type"],
    ["non-numeric token count", { properties: { tokens: "lots", model: "a" } }, "properties.tokens", "numeric"],
    ["negative token count", { properties: { tokens: -5, model: "a" } }, "properties.tokens", "non_negative"],
    ["token count of 10^20 or more", { properties: { tokens: "1e20", model: "a" } }, "properties.tokens", "max_magnitude"],
    ["token count with 13 decimals", { properties: { tokens: "0.0000000000001", model: "a" } }, "properties.tokens", "max_scale"],
    ["timestamp without offset", { timestamp: "2026-01-01T00:00:00" }, "timestamp", "invalid_format"],
  ])("rejects %s with 422 naming the field, writing nothing", async (_name, over, field, rule) => {
    const before = await countEvents(w.customer.id);
    const res = await callRoute(POST, { key: w.key.secret, body: event(over) });
    expect(res.status).toBe(422);
    expect(res.json.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(await countEvents(w.customer.id)).toBe(before);
  });

  it("a key limited to one customer cannot report for another (403)", async () => {
    const other = await meteredCustomer();
    const limited = await createTestApiKey({ customerId: other.customer.id });
    const res = await callRoute(POST, { key: limited.secret, body: event() });
    expect(res.status).toBe(403);
    const own = await callRoute(POST, { key: limited.secret, body: { ...event(), customer: other.customer.externalId, type: other.meter.eventType } });
    expect(own.status).toBe(202);
  });

  it("a batch reports each event's outcome and stores the valid ones", async () => {
    const dupe = event();
    const res = await callRoute(POST, { key: w.key.secret, body: { events: [dupe, event({ type: "nope" }), dupe, event()] } });
    expect(res.status).toBe(202);
    expect(res.json.events.map((o: { status: string }) => o.status)).toEqual(["accepted", "rejected", "duplicate", "accepted"]);
    expect(res.json).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    const again = await callRoute(POST, { key: w.key.secret, body: { events: [dupe, event({ type: "nope" }), dupe] } });
    expect(again.json.events.map((o: { status: string }) => o.status)).toEqual(["duplicate", "rejected", "duplicate"]);
  });

  it("a batch with a value too large for the rollups stores the others and rejects that one", async () => {
    const before = { events: await countEvents(w.customer.id), sum: await rollupSum(w.customer.id, w.meter.id) };
    const body = { events: [event({ properties: { tokens: 5, model: "r" } }), event({ properties: { tokens: 1e30, model: "r" } }), event({ properties: { tokens: "1.5e3", model: "r" } })] };
    const res = await callRoute(POST, { key: w.key.secret, body });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.json.events[1]).toMatchObject({ status: "rejected", problems: [expect.objectContaining({ field: "properties.tokens", rule: "max_magnitude" })] });
    expect(await countEvents(w.customer.id)).toBe(before.events + 2);
    expect(Number(await rollupSum(w.customer.id, w.meter.id)) - Number(before.sum)).toBe(1505);
  });
});
