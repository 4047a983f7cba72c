import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as voidRoute } from "@/app/api/admin/event-voids/route";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { upsertMeter } from "@/lib/seed/factories";
import type { CurrentUser } from "@/lib/auth/current-user";
import { callRoute } from "../support/call-route";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, hoursAgo, memberOf, send, tag, usage } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Ev = { id: string; at: Date; props: Record<string, unknown> };

/** One event type counted by five meters, one per aggregation. */
async function meterSet() {
  const t = tag();
  const eventType = `calls_${t}`;
  const [sum, count, max, latest, unique] = await Promise.all([
    upsertMeter({ key: `sum_${t}`, eventType, aggregation: "SUM", valueProperty: "value", groupBy: ["model"] }),
    upsertMeter({ key: `count_${t}`, eventType, aggregation: "COUNT", valueProperty: null, groupBy: ["model"] }),
    upsertMeter({ key: `max_${t}`, eventType, aggregation: "MAX", valueProperty: "value" }),
    upsertMeter({ key: `latest_${t}`, eventType, aggregation: "LATEST", valueProperty: "value" }),
    upsertMeter({ key: `unique_${t}`, eventType, aggregation: "UNIQUE_COUNT", valueProperty: "user", groupBy: ["model"] }),
  ]);
  return { eventType, sum, count, max, latest, unique };
}

const EVENTS: Ev[] = [
  { id: "a1", at: hoursAgo(5, 1), props: { value: 3, model: "a", user: "u1" } },
  { id: "a2", at: hoursAgo(5, 2), props: { value: "1.5", model: "b", user: "u2" } },
  { id: "a3", at: hoursAgo(4, 1), props: { value: 10, model: "a", user: "u1" } },
  { id: "a4", at: hoursAgo(4, 2), props: { value: 40, model: "a", user: "u3" } },
  { id: "a5", at: hoursAgo(4, 3), props: { value: 2, model: "b", user: "u3" } },
  { id: "a6", at: hoursAgo(3, 1), props: { value: 6, model: "b", user: "u2" } },
  { id: "a7", at: hoursAgo(3, 50), props: { value: 8, model: "a", user: "u4" } },
];

/** A customer's rollups and distinct values, comparable across customers. */
async function usageState(customerId: string) {
  const rollups = await prisma.usageRollup.findMany({ where: { customerId }, orderBy: [{ meterId: "asc" }, { bucket: "asc" }, { dimensions: "asc" }] });
  const uniques = await prisma.usageUniqueValue.findMany({ where: { customerId }, orderBy: [{ meterId: "asc" }, { bucket: "asc" }, { dimensions: "asc" }, { value: "asc" }] });
  return {
    rollups: rollups.map((r) => ({
      meterId: r.meterId,
      bucket: r.bucket.toISOString(),
      dimensions: r.dimensions,
      sum: r.sum.toString(),
      count: r.count.toString(),
      max: r.max?.toString() ?? null,
      latestValue: r.latestValue?.toString() ?? null,
      latestAt: r.latestAt?.toISOString() ?? null,
    })),
    uniques: uniques.map((u) => ({ meterId: u.meterId, bucket: u.bucket.toISOString(), dimensions: u.dimensions, value: u.value })),
  };
}

/** What the customer's rollups must be after a void: those of a customer that only ever got the remaining events. */
async function expectedAfterVoid(eventType: string, remaining: Ev[]) {
  const twin = await customerWithKey("twin");
  if (remaining.length > 0) await send(twin.key.secret, twin.customer.externalId, eventType, remaining);
  return usageState(twin.customer.id);
}

const voidEvents = (body: unknown) => callRoute(voidRoute, { method: "POST", body });

describe("voiding usage events (corrections)", () => {
  let admin: CurrentUser;
  beforeAll(async () => {
    admin = await adminUser();
  });
  beforeEach(() => signInAs(admin));

  async function world() {
    const meters = await meterSet();
    const w = await customerWithKey();
    await send(w.key.secret, w.customer.externalId, meters.eventType, EVENTS);
    return { ...w, meters };
  }

  it("voids one event: rollups and distinct values equal those of the remaining events, and the audit log says who and why", async () => {
    const w = await world();
    // a4 holds the range's max (40): after the void the max must come from the remaining events.
    const res = await voidEvents({ customer: w.customer.externalId, eventId: "a4", reason: "duplicate billing from retry bug" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ voided: 1, eventIds: ["a4"], hoursRecomputed: 1 });
    const remaining = EVENTS.filter((e) => e.id !== "a4");
    const actual = await usageState(w.customer.id);
    const expected = await expectedAfterVoid(w.meters.eventType, remaining);
    expect(actual).toEqual(expected);

    const row = await prisma.usageEvent.findUnique({ where: { customerId_idempotencyKey: { customerId: w.customer.id, idempotencyKey: "a4" } } });
    expect(row).toMatchObject({ voidReason: "duplicate billing from retry bug", voidedBy: admin.userId });
    expect(row?.voidedAt).toBeInstanceOf(Date);
    const audit = await prisma.auditLog.findFirst({ where: { action: "usage.voided", target: w.customer.id } });
    expect(audit).toMatchObject({ actorId: admin.userId, actorKind: "user" });
    expect(audit?.details).toMatchObject({ reason: "duplicate billing from retry bug", voided: 1, eventIds: ["a4"], criteria: { customer: w.customer.externalId, eventId: "a4" } });

    const max = await usage(w.key.secret, { customer: w.customer.externalId, meter: w.meters.max.key, from: hoursAgo(10).toISOString(), to: hoursAgo(-1).toISOString() });
    expect(max.json.total).toBe("10");
  });

  it("a voided event's id stays taken: sending it again is a duplicate and changes nothing", async () => {
    const w = await world();
    await voidEvents({ customer: w.customer.externalId, eventId: "a7", reason: "test traffic" });
    const before = await usageState(w.customer.id);
    const again = await callRoute(postEvents, { key: w.key.secret, body: { id: "a7", customer: w.customer.externalId, type: w.meters.eventType, timestamp: EVENTS[6].at.toISOString(), properties: EVENTS[6].props } });
    expect(again.status).toBe(202);
    expect(again.json.status).toBe("duplicate");
    expect(await usageState(w.customer.id)).toEqual(before);
    // The latest value falls back to the latest remaining event (a6).
    const latest = await usage(w.key.secret, { customer: w.customer.externalId, meter: w.meters.latest.key, from: hoursAgo(10).toISOString(), to: hoursAgo(-1).toISOString() });
    expect(latest.json.total).toBe("6");
  });

  it("voids all events matching a filter (type, time range, property), recomputing every affected hour exactly", async () => {
    const w = await world();
    const res = await voidEvents({
      customer: w.customer.externalId,
      eventType: w.meters.eventType,
      from: hoursAgo(5).toISOString(),
      to: hoursAgo(3, 10).toISOString(),
      property: { name: "model", value: "a" },
      reason: "model a was misconfigured",
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ voided: 3, eventIds: ["a1", "a3", "a4"], hoursRecomputed: 2 });
    const remaining = EVENTS.filter((e) => !["a1", "a3", "a4"].includes(e.id));
    expect(await usageState(w.customer.id)).toEqual(await expectedAfterVoid(w.meters.eventType, remaining));
    const unique = await usage(w.key.secret, { customer: w.customer.externalId, meter: w.meters.unique.key, from: hoursAgo(10).toISOString(), to: hoursAgo(-1).toISOString() });
    expect(unique.json.total).toBe("3"); // u2, u3, u4: u1 only sent model-a events in the range

    const audit = await prisma.auditLog.findFirst({ where: { action: "usage.voided", target: w.customer.id } });
    expect(audit?.details).toMatchObject({ kind: "matching", reason: "model a was misconfigured", voided: 3 });
  });

  it("voiding every event of an hour removes its rollup rows; voiding nothing changes nothing", async () => {
    const w = await world();
    const res = await voidEvents({ customer: w.customer.externalId, eventType: w.meters.eventType, from: hoursAgo(5).toISOString(), to: hoursAgo(4).toISOString(), reason: "bad hour" });
    expect(res.json.voided).toBe(2);
    const state = await usageState(w.customer.id);
    expect(state.rollups.filter((r) => r.bucket === hoursAgo(5).toISOString())).toEqual([]);
    expect(state.uniques.filter((r) => r.bucket === hoursAgo(5).toISOString())).toEqual([]);
    const none = await voidEvents({ customer: w.customer.externalId, eventType: w.meters.eventType, from: hoursAgo(5).toISOString(), to: hoursAgo(4).toISOString(), reason: "again" });
    expect(none.status).toBe(200);
    expect(none.json.voided).toBe(0);
    expect(await usageState(w.customer.id)).toEqual(state);
  });

  it("stays exact while the same customer's usage keeps arriving", async () => {
    const w = await world();
    const incoming: Ev[] = Array.from({ length: 40 }, (_, i) => ({ id: `live-${i}`, at: hoursAgo(3 + (i % 3), 20 + (i % 30)), props: { value: i, model: "c", user: `l${i % 7}` } }));
    const [res] = await Promise.all([
      voidEvents({ customer: w.customer.externalId, eventType: w.meters.eventType, from: hoursAgo(6).toISOString(), to: hoursAgo(2).toISOString(), property: { name: "model", value: "b" }, reason: "model b refunded" }),
      ...Array.from({ length: 8 }, (_, k) => send(w.key.secret, w.customer.externalId, w.meters.eventType, incoming.slice(k * 5, k * 5 + 5))),
    ]);
    expect(res.json.voided).toBe(3);
    const remaining = [...EVENTS.filter((e) => e.props.model !== "b"), ...incoming];
    expect(await usageState(w.customer.id)).toEqual(await expectedAfterVoid(w.meters.eventType, remaining));
  });

  it("only touches the named customer", async () => {
    const w = await world();
    const other = await customerWithKey("other");
    await send(other.key.secret, other.customer.externalId, w.meters.eventType, EVENTS);
    const before = await usageState(other.customer.id);
    await voidEvents({ customer: w.customer.externalId, eventType: w.meters.eventType, from: hoursAgo(10).toISOString(), to: hoursAgo(0).toISOString(), reason: "reset" });
    expect((await usageState(w.customer.id)).rollups).toEqual([]);
    expect(await usageState(other.customer.id)).toEqual(before);
  });

  it("answers 409 for an event already voided, 404 for an unknown one, 422 naming the field for bad input", async () => {
    const w = await world();
    expect((await voidEvents({ customer: w.customer.externalId, eventId: "a2", reason: "first" })).status).toBe(200);
    expect((await voidEvents({ customer: w.customer.externalId, eventId: "a2", reason: "second" })).status).toBe(409);
    const unknown = await voidEvents({ customer: w.customer.externalId, eventId: "nope", reason: "why not" });
    expect(unknown.status).toBe(404);
    for (const [body, field] of [
      [{ customer: w.customer.externalId, eventId: "a1" }, "reason"],
      [{ customer: w.customer.externalId, eventId: "a1", reason: "  " }, "reason"],
      [{ customer: "no-such-customer", eventId: "a1", reason: "because" }, "customer"],
      [{ customer: w.customer.externalId, eventType: w.meters.eventType, from: hoursAgo(1).toISOString(), to: hoursAgo(2).toISOString(), reason: "because" }, "to"],
      [{ customer: w.customer.externalId, eventType: w.meters.eventType, from: "yesterday", to: hoursAgo(2).toISOString(), reason: "because" }, "from"],
    ] as const) {
      const res = await voidEvents(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect(await prisma.usageEvent.count({ where: { customerId: w.customer.id, voidedAt: { not: null } } })).toBe(1);
  });

  it("members get 403 and signed-out callers 401, and nothing is voided", async () => {
    const w = await world();
    signInAs(await memberOf(w.customer.id));
    expect((await voidEvents({ customer: w.customer.externalId, eventId: "a1", reason: "mine anyway" })).status).toBe(403);
    signInAs(null);
    expect((await voidEvents({ customer: w.customer.externalId, eventId: "a1", reason: "anonymous" })).status).toBe(401);
    expect(await prisma.usageEvent.count({ where: { customerId: w.customer.id, voidedAt: { not: null } } })).toBe(0);
  });
});
