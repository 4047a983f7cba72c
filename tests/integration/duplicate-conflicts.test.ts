import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { asCurrentUser } from "../support/session";
import { listDuplicateConflicts } from "@/lib/metering/conflicts/list-duplicate-conflicts";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";
import { adminUser, hoursAgo, tag } from "../support/usage-fixtures";

type World = Awaited<ReturnType<typeof meteredCustomer>>;

const post = (key: string, body: unknown) => callRoute(POST, { key, body });
const conflictCount = async (customerId: string) =>
  (await prisma.duplicateConflictDay.findMany({ where: { customerId } })).reduce((n, d) => n + d.count, 0);

describe("duplicate conflicts: a re-sent id with other content", () => {
  let w: World;
  let admin: Awaited<ReturnType<typeof adminUser>>;
  const ev = (id: string, tokens: number | string = 7) => ({
    id,
    customer: w.customer.externalId,
    type: w.meter.eventType,
    timestamp: hoursAgo(1, 10).toISOString(),
    properties: { tokens, model: "m1" },
  });

  beforeAll(async () => {
    w = await meteredCustomer();
    admin = await adminUser();
  });

  it("answers 202 duplicate with conflict: true, counts it once per conflicting copy, never for identical copies, and keeps the stored event", async () => {
    const e = ev(`dc-${tag()}`);
    expect((await post(w.key.secret, e)).json).toEqual({ id: e.id, status: "accepted" });
    const stored = await prisma.usageEvent.findUniqueOrThrow({ where: { customerId_idempotencyKey: { customerId: w.customer.id, idempotencyKey: e.id } } });
    const rollupsBefore = await prisma.usageRollup.findMany({ where: { customerId: w.customer.id } });

    // Identical copies (and one without a timestamp, which the server stamps) are plain duplicates.
    for (const same of [e, { ...e, timestamp: undefined }, { ...e, properties: { model: "m1", tokens: 7 } }]) {
      const res = await post(w.key.secret, same);
      expect(res).toEqual({ status: 202, json: { id: e.id, status: "duplicate", contentDiffers: false } });
    }
    expect(await conflictCount(w.customer.id)).toBe(0);

    const res = await post(w.key.secret, ev(e.id, 8));
    expect(res).toEqual({ status: 202, json: { id: e.id, status: "duplicate", contentDiffers: true, conflict: true } });
    expect(await conflictCount(w.customer.id)).toBe(1);
    await post(w.key.secret, ev(e.id, "7"));
    expect(await conflictCount(w.customer.id)).toBe(2);

    // The stored event and what it counted are unchanged.
    const after = await prisma.usageEvent.findUniqueOrThrow({ where: { customerId_idempotencyKey: { customerId: w.customer.id, idempotencyKey: e.id } } });
    expect(after).toEqual(stored);
    expect(await prisma.usageRollup.findMany({ where: { customerId: w.customer.id } })).toEqual(rollupsBefore);
    expect(await prisma.usageEvent.count({ where: { customerId: w.customer.id } })).toBe(1);

    // The admin sees the day's count and the last sample: what was sent beside what is stored.
    const [day] = await listDuplicateConflicts(admin, { customerId: w.customer.id });
    expect(day).toMatchObject({ customerId: w.customer.id, externalId: w.customer.externalId, count: 2 });
    expect(day.day).toBe(new Date().toISOString().slice(0, 10));
    expect(day.sample).toEqual({
      id: e.id,
      sent: { type: e.type, timestamp: e.timestamp, properties: { tokens: "7", model: "m1" } },
      stored: { type: e.type, timestamp: e.timestamp, properties: { tokens: 7, model: "m1" } },
    });
  });

  it("in a batch: each conflicting copy counts once, identical copies and new events do not", async () => {
    const before = await conflictCount(w.customer.id);
    const a = ev(`dca-${tag()}`);
    const b = ev(`dcb-${tag()}`);
    await post(w.key.secret, { events: [a, b] });
    const fresh = ev(`dcn-${tag()}`);
    const res = await post(w.key.secret, { events: [a, ev(a.id, 9), fresh, ev(b.id, 10), b] });
    expect(res.status).toBe(202);
    expect(res.json.events.map((o: { status: string; conflict?: boolean }) => [o.status, o.conflict ?? false])).toEqual([
      ["duplicate", false],
      ["duplicate", true],
      ["accepted", false],
      ["duplicate", true],
      ["duplicate", false],
    ]);
    expect(await conflictCount(w.customer.id)).toBe(before + 2);
    // Within one batch, a later copy of a new event with other content is a conflict too.
    const c = ev(`dcc-${tag()}`);
    await post(w.key.secret, { events: [c, ev(c.id, 11)] });
    expect(await conflictCount(w.customer.id)).toBe(before + 3);
  });

  it("only admins read conflicts", async () => {
    const member = asCurrentUser({ id: "00000000-0000-4000-8000-000000000001", email: "m@example.test", role: "MEMBER", customerId: w.customer.id });
    await expect(listDuplicateConflicts(member, { customerId: w.customer.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
