import Decimal from "decimal.js";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { pool, prisma } from "@/lib/db/client";
import type { CommitOutcome, EventSubmission } from "@/lib/metering/ingest/commit-event-group";
import { commitEventGroup } from "@/lib/metering/ingest/commit-event-group";
import { writeEventGroup } from "@/lib/metering/ingest/event-committer";
import { GroupCommit } from "@/lib/db/group-commit";
import { loadIngestContext } from "@/lib/metering/ingest/load-ingest-context";
import { prepareEvent, type PreparedEvent } from "@/lib/metering/ingest/prepare-events";
import { createTestApiKey, upsertCustomer, upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";
import { hoursAgo, tag } from "../support/usage-fixtures";

type World = Awaited<ReturnType<typeof meteredCustomer>>;
type Ev = { id: string; customer: string; type: string; timestamp?: string; properties: Record<string, unknown> };

const post = (key: string, body: unknown) => callRoute(POST, { key, body });
const storedCount = (customerId: string) => prisma.usageEvent.count({ where: { customerId } });

/** A metered customer, and its events as validation prepares them (for the committer's own tests). */
async function preparedEvents() {
  const c = await meteredCustomer();
  const now = new Date();
  const ctx = await loadIngestContext(pool(), [c.customer.externalId], [c.meter.eventType], now.getTime());
  const prepare = (id: string, tokens: string) =>
    prepareEvent({ id, customer: c.customer.externalId, type: c.meter.eventType, properties: { tokens, model: "m" } }, 0, ctx, { now, maxAgeDays: 35, maxFutureMinutes: 5 }) as PreparedEvent;
  return { c, now, prepare };
}

const submission = (...events: PreparedEvent[]): EventSubmission => ({ events, explicitTimestamp: events.map(() => false) });

/** The meter's rollup rows for a customer, as exact decimal strings, keyed by hour and dimensions. */
async function rollups(customerId: string, meterId: string) {
  const rows = await prisma.usageRollup.findMany({ where: { customerId, meterId } });
  return Object.fromEntries(rows.map((r) => [`${r.bucket.toISOString()} ${r.dimensions}`, { sum: new Decimal(r.sum.toString()).toFixed(), count: Number(r.count) }]));
}

/** What the rollups must hold for these distinct events: the fold by hour and model of their tokens. */
function expectedRollups(events: Ev[]) {
  const out: Record<string, { sum: string; count: number }> = {};
  for (const e of events) {
    const ts = new Date(e.timestamp!).getTime();
    const bucket = new Date(Math.floor(ts / 3_600_000) * 3_600_000).toISOString();
    const key = `${bucket} ${JSON.stringify([e.properties.model])}`;
    const cur = out[key] ?? { sum: "0", count: 0 };
    out[key] = { sum: new Decimal(cur.sum).plus(String(e.properties.tokens)).toFixed(), count: cur.count + 1 };
  }
  return out;
}

describe("exactly-once ingestion", () => {
  let w: World;
  const ev = (id: string, over: Partial<Ev> = {}): Ev => ({
    id,
    customer: w.customer.externalId,
    type: w.meter.eventType,
    timestamp: hoursAgo(1, 10).toISOString(),
    properties: { tokens: 100, model: "m1" },
    ...over,
  });

  beforeAll(async () => {
    w = await meteredCustomer();
  });

  it("stores each event once when 50 concurrent requests, and then their retries, send overlapping events", async () => {
    const c = await meteredCustomer();
    const distinct: Ev[] = Array.from({ length: 120 }, (_, i) => ({
      id: `ov-${i}`,
      customer: c.customer.externalId,
      type: c.meter.eventType,
      timestamp: hoursAgo(1 + (i % 3), (i * 7) % 60).toISOString(),
      properties: { tokens: `${i}.${(i * 37) % 1000}`, model: `m${i % 4}` },
    }));
    // Request r carries the 12 events from 5r on (so neighbours overlap, and together they hold all), one of them twice.
    const batches = Array.from({ length: 50 }, (_, r) => {
      const events = Array.from({ length: 12 }, (_, k) => distinct[(5 * r + k) % distinct.length]);
      return [...events, events[r % events.length]];
    });
    const send = () => Promise.all(batches.map((events) => post(c.key.secret, { events })));
    const first = await send();
    const retried = await send();

    for (const res of [...first, ...retried]) expect(res.status).toBe(202);
    const acceptedIds = first.flatMap((r) => r.json.events.filter((o: { status: string }) => o.status === "accepted").map((o: { id: string }) => o.id));
    expect(acceptedIds.sort()).toEqual(distinct.map((e) => e.id).sort());
    for (const res of retried) expect(res.json).toMatchObject({ accepted: 0, duplicates: 13, rejected: 0 });
    const duplicates = [...first, ...retried].flatMap((r) => r.json.events.filter((o: { status: string }) => o.status === "duplicate"));
    expect(duplicates.length).toBe(2 * 50 * 13 - distinct.length);
    for (const d of duplicates) expect(d.contentDiffers).toBe(false);
    expect(await storedCount(c.customer.id)).toBe(distinct.length);
    expect(await rollups(c.customer.id, c.meter.id)).toEqual(expectedRollups(distinct));
  });

  it("says whether a duplicate's type, timestamp or properties differ from the stored event", async () => {
    const other = await upsertMeter({ key: `other_${tag()}`, eventType: `other_${tag()}`, aggregation: "COUNT", valueProperty: null });
    const e = ev(`cd-${tag()}`, { properties: { tokens: 7, model: "m1", region: "eu" } });
    expect((await post(w.key.secret, e)).json).toEqual({ id: e.id, status: "accepted" });
    const cases: [string, Ev, boolean][] = [
      ["the same event", e, false],
      ["its properties in another order", { ...e, properties: { region: "eu", model: "m1", tokens: 7 } }, false],
      ["no timestamp (the server's clock is not compared)", { ...e, timestamp: undefined }, false],
      ["another token count", { ...e, properties: { ...e.properties, tokens: 8 } }, true],
      ["the same count written as a string", { ...e, properties: { ...e.properties, tokens: "7" } }, true],
      ["an extra property", { ...e, properties: { ...e.properties, user: "u1" } }, true],
      ["another timestamp", { ...e, timestamp: hoursAgo(1, 11).toISOString() }, true],
      ["the same instant in another offset", { ...e, timestamp: new Date(e.timestamp!).toISOString().replace("Z", "+00:00") }, false],
      ["another event type", { ...e, type: other.eventType }, true],
    ];
    for (const [name, resend, differs] of cases) {
      const res = await post(w.key.secret, resend);
      expect({ name, status: res.status, body: res.json }).toEqual({ name, status: 202, body: { id: e.id, status: "duplicate", contentDiffers: differs, ...(differs && { conflict: true }) } });
    }
    // Within one batch, a later copy is compared with the stored (first) one.
    const f = ev(`cd-${tag()}`);
    const batch = await post(w.key.secret, { events: [f, { ...f, properties: { tokens: 1, model: "m1" } }, f] });
    expect(batch.json.events.map((o: { status: string; contentDiffers?: boolean }) => [o.status, o.contentDiffers])).toEqual([
      ["accepted", undefined],
      ["duplicate", true],
      ["duplicate", false],
    ]);
    const rows = await prisma.usageEvent.findMany({ where: { customerId: w.customer.id, idempotencyKey: { in: [e.id, f.id] } } });
    expect(rows.map((r) => r.properties)).toEqual(expect.arrayContaining([e.properties, f.properties]));
  });

  it("reports each event of a mixed batch, stores the valid ones, and answers a re-send the same way with duplicates", async () => {
    const stored = ev(`mix-${tag()}`);
    expect((await post(w.key.secret, stored)).status).toBe(202);
    const before = await storedCount(w.customer.id);
    const a = ev(`mix-${tag()}`);
    const b = ev(`mix-${tag()}`, { properties: { tokens: 2.5, model: "m2" } });
    const batch = [a, ev(`mix-${tag()}`, { type: "no_such_type" }), b, a, ev(`mix-${tag()}`, { properties: { tokens: "lots", model: "m1" } }), stored, { id: "", customer: w.customer.externalId }];
    const first = await post(w.key.secret, { events: batch });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ accepted: 2, duplicates: 2, rejected: 3 });
    expect(first.json.events.map((o: { index: number; status: string }) => [o.index, o.status])).toEqual([
      [0, "accepted"],
      [1, "rejected"],
      [2, "accepted"],
      [3, "duplicate"],
      [4, "rejected"],
      [5, "duplicate"],
      [6, "rejected"],
    ]);
    expect(first.json.events[1].problems).toEqual([expect.objectContaining({ field: "type", rule: "known_event_type" })]);
    expect(first.json.events[4].problems).toEqual([expect.objectContaining({ field: "properties.tokens", rule: "numeric" })]);
    expect(first.json.events[6].problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: "id" }), expect.objectContaining({ field: "type" })]));
    expect(await storedCount(w.customer.id)).toBe(before + 2);

    const again = await post(w.key.secret, { events: batch });
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 4, rejected: 3 });
    expect(again.json.events.map((o: { status: string }) => o.status)).toEqual(["duplicate", "rejected", "duplicate", "duplicate", "rejected", "duplicate", "rejected"]);
    for (const i of [1, 4, 6]) expect(again.json.events[i]).toEqual(first.json.events[i]);
    expect(await storedCount(w.customer.id)).toBe(before + 2);
  });

  it("refuses a batch of 1,001 events with 422 naming `events`, writing nothing", async () => {
    const before = await storedCount(w.customer.id);
    const res = await post(w.key.secret, { events: Array.from({ length: 1001 }, (_, i) => ev(`big-${tag()}-${i}`)) });
    expect(res.status).toBe(422);
    expect(res.json.error.problems).toEqual([expect.objectContaining({ field: "events", rule: "too_big" })]);
    const ok = await post(w.key.secret, { events: Array.from({ length: 1000 }, (_, i) => ev(`max-${tag()}-${i}`)) });
    expect(ok.status).toBe(202);
    expect(ok.json.accepted).toBe(1000);
    expect(await storedCount(w.customer.id)).toBe(before + 1000);
  });

  it("refuses a body over 1 MB with 413, writing nothing", async () => {
    const before = await storedCount(w.customer.id);
    const events = Array.from({ length: 900 }, (_, i) => ev(`mb-${tag()}-${i}`, { properties: { tokens: 1, model: "m1", note: "x".repeat(1200) } }));
    const body = JSON.stringify({ events });
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    const res = await callRoute(POST, { key: w.key.secret, rawBody: body });
    expect(res.status).toBe(413);
    expect(await storedCount(w.customer.id)).toBe(before);
  });

  it("looks an unknown customer or event type up again at once, after the known ones were cached", async () => {
    const externalId = `late-${tag()}`;
    const type = `late_${tag()}`;
    const early = await post(w.key.secret, { events: [ev(`late-${tag()}`), ev(`late-${tag()}`, { customer: externalId }), ev(`late-${tag()}`, { type })] });
    expect(early.json.events.map((o: { status: string }) => o.status)).toEqual(["accepted", "rejected", "rejected"]);
    await upsertCustomer({ externalId });
    await upsertMeter({ key: type, eventType: type, aggregation: "COUNT", valueProperty: null });
    const late = await post(w.key.secret, { events: [ev(`late-${tag()}`, { customer: externalId }), ev(`late-${tag()}`, { type })] });
    expect(late.json.events.map((o: { status: string }) => o.status)).toEqual(["accepted", "accepted"]);
  });

  it("a NUL character, which the database cannot store, is rejected per event: the requests grouped with it and the rest of its batch are stored", async () => {
    const c = await meteredCustomer();
    const key = await createTestApiKey({ name: `iso ${c.tag}` });
    const at = hoursAgo(1, 30);
    const evFor = (id: string, tokens: string, note = "") => ({ id, customer: c.customer.externalId, type: c.meter.eventType, timestamp: at.toISOString(), properties: { tokens, model: "m", note } });
    const sends = [evFor("iso-1", "1"), evFor("iso-bad", "1", "nul \u0000"), evFor("iso-2", "2"), evFor("iso-3", "3")].map((e) => post(key.secret, { events: [e] }));
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status)).toEqual([202, 422, 202, 202]);
    expect(results[1].json.events[0].problems).toEqual([expect.objectContaining({ field: "properties.note", rule: "no_nul_character" })]);
    const batch = await post(key.secret, { events: [evFor("iso-4", "4"), { ...evFor("iso-5", "5"), properties: { tokens: "5", model: "m", ["k\u0000"]: 1 } }] });
    expect(batch.status).toBe(202);
    expect(batch.json.events.map((o: { status: string }) => o.status)).toEqual(["accepted", "rejected"]);
    expect(batch.json.events[1].problems[0]).toMatchObject({ field: "properties", rule: "no_nul_character" });
    const ids = (await prisma.usageEvent.findMany({ where: { customerId: c.customer.id }, select: { idempotencyKey: true } })).map((r) => r.idempotencyKey).sort();
    expect(ids).toEqual(["iso-1", "iso-2", "iso-3", "iso-4"]);
    expect(await rollups(c.customer.id, c.meter.id)).toEqual({ [`${hoursAgo(1).toISOString()} ["m"]`]: { sum: "10", count: 4 } });
  });

  it("retries each request of a failed group in its own transaction (group commit on the database)", async () => {
    const { c, prepare } = await preparedEvents();
    const groups: number[] = [];
    const committer = new GroupCommit<EventSubmission, CommitOutcome[]>({
      writers: 1,
      maxGroupSize: 5000,
      sizeOf: (s) => s.events.length,
      writeGroup: (subs) => {
        groups.push(subs.length);
        return writeEventGroup(subs);
      },
    });
    const shared = prepare("g-shared", "5");
    // The first request is written alone; the next four queue behind it and form one group, which fails.
    const results = await Promise.allSettled([
      committer.submit(submission(prepare("g-0", "1"))),
      committer.submit(submission(prepare("g-1", "1"), shared)),
      // Past validation (which refuses it), a NUL character is a value the database refuses: the group fails.
      committer.submit(submission({ ...prepare("g-bad", "1"), properties: { tokens: "1", model: "m", note: "nul \u0000" } })),
      committer.submit(submission(prepare("g-2", "1"), { ...shared })),
      committer.submit(submission(prepare("g-3", "1"))),
    ]);
    expect(groups).toEqual([1, 4, 1, 1, 1, 1]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: "22P05" });
    expect((results[1] as PromiseFulfilledResult<CommitOutcome[]>).value).toEqual([{ status: "accepted" }, { status: "accepted" }]);
    expect((results[3] as PromiseFulfilledResult<CommitOutcome[]>).value).toEqual([{ status: "accepted" }, { status: "duplicate", contentDiffers: false }]);
    expect(await storedCount(c.customer.id)).toBe(5);
  });

  it("a group leaves an event another group in flight is writing to it: a duplicate once that group commits", async () => {
    const { c, now, prepare } = await preparedEvents();
    const [a, b] = [await pool().connect(), await pool().connect()];
    try {
      // The first group claims "f-shared" before the second starts (claims are taken synchronously).
      const first = commitEventGroup(a, [submission(prepare("f-shared", "5"), prepare("f-a", "1"))]);
      const second = commitEventGroup(b, [submission(prepare("f-shared", "6"), prepare("f-b", "1"))]);
      expect(await first).toEqual([[{ status: "accepted" }, { status: "accepted" }]]);
      expect(await second).toEqual([[{ status: "duplicate", contentDiffers: true }, { status: "accepted" }]]);
    } finally {
      a.release();
      b.release();
    }
    expect(await storedCount(c.customer.id)).toBe(3);
    expect(await rollups(c.customer.id, c.meter.id)).toEqual({ [`${new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000).toISOString()} ["m"]`]: { sum: "7", count: 3 } });
  });

  it("when the group writing an event rolls back, the group that left it to it writes it", async () => {
    const { c, prepare } = await preparedEvents();
    const [a, b] = [await pool().connect(), await pool().connect()];
    try {
      // Past validation, a NUL character is a value the database refuses: the first group rolls back.
      const poisoned = { ...prepare("r-bad", "1"), properties: { tokens: "1", model: "m", note: "nul \u0000" } };
      const first = commitEventGroup(a, [submission(prepare("r-shared", "5"), poisoned)]);
      const second = commitEventGroup(b, [submission(prepare("r-shared", "5"), prepare("r-b", "1"))]);
      await expect(first).rejects.toMatchObject({ code: "22P05" });
      expect(await second).toEqual([[{ status: "accepted" }, { status: "accepted" }]]);
    } finally {
      a.release();
      b.release();
    }
    const ids = (await prisma.usageEvent.findMany({ where: { customerId: c.customer.id }, select: { idempotencyKey: true } })).map((r) => r.idempotencyKey).sort();
    expect(ids).toEqual(["r-b", "r-shared"]);
  });
});
