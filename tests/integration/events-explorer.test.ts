import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { GET as csvRoute } from "@/app/api/admin/events/csv/route";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { toAppError } from "@/lib/errors/to-app-error";
import { encodeCursor, eventExplorerParams } from "@/lib/metering/queries/event-explorer-params";
import { exploreEvents, exploreEventsQuery, type ExploredEvent } from "@/lib/metering/queries/explore-events";
import { csvCell } from "@/lib/metering/queries/events-csv";
import { voidEvents } from "@/lib/metering/voids/void-events";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";
import { signInAs } from "../support/session";
import { adminUser, memberOf, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type World = Awaited<ReturnType<typeof meteredCustomer>>;
type Admin = Awaited<ReturnType<typeof adminUser>>;

const minutesAgo = (n: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - n * 60_000);

/** Every page of the explorer for these filters, following the cursor, `size` rows a page. */
async function allPages(admin: Admin, query: Record<string, string>, size: number): Promise<ExploredEvent[]> {
  const out: ExploredEvent[] = [];
  let cursor = "";
  for (let i = 0; i < 100; i++) {
    const page = await exploreEvents(admin, { ...query, cursor }, size);
    out.push(...page.events);
    const last = page.events.at(-1);
    if (!page.hasMore || !last) return out;
    cursor = encodeCursor(last.timestamp, last.id);
  }
  throw new Error("no last page");
}

async function csv(query: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await csvRoute(new Request(`http://localhost/api/admin/events/csv?${new URLSearchParams(query)}`), { params: Promise.resolve({}) });
  return { status: res.status, text: await res.text() };
}

describe("the admin's events explorer", () => {
  let w: World;
  let admin: Admin;
  let otherType: string;
  const ids: { id: string; type: string; at: Date }[] = [];

  beforeAll(async () => {
    w = await meteredCustomer();
    admin = await adminUser();
    otherType = `images_${w.tag}`;
    await upsertMeter({ key: `images_${w.tag}`, eventType: otherType, aggregation: "COUNT" });
    // 12 events over two types, two of them in the same second (the id breaks the tie), ids with formula characters.
    for (let i = 0; i < 12; i++) {
      const type = i % 3 === 0 ? otherType : w.meter.eventType;
      const id = i === 4 ? `=1+2-${w.tag}` : i === 5 ? `@x-${w.tag}` : `ex-${w.tag}-${String(i).padStart(2, "0")}`;
      ids.push({ id, type, at: minutesAgo(i === 7 ? 6 : i) });
    }
    const res = await callRoute(POST, {
      key: w.key.secret,
      body: { events: ids.map((e) => ({ id: e.id, customer: w.customer.externalId, type: e.type, timestamp: e.at.toISOString(), properties: { tokens: 10, model: "m1" } })) },
    });
    expect(res.json.accepted).toBe(12);
    await voidEvents(admin, { customer: w.customer.externalId, eventId: `ex-${w.tag}-03`, reason: "test void" });
  });

  const expected = (filter: (e: (typeof ids)[number]) => boolean = () => true) =>
    ids
      .filter(filter)
      .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
      .map((e) => e.id);

  it("lists a customer's events of every type newest first, the same across pages of any size", async () => {
    const first = await exploreEvents(admin, { customer: w.customer.id }, 50);
    expect(first.events.map((e) => e.id)).toEqual(expected());
    for (const size of [1, 4, 5]) expect((await allPages(admin, { customer: w.customer.externalId }, size)).map((e) => e.id)).toEqual(expected());
    const voided = first.events.find((e) => e.id === `ex-${w.tag}-03`)!;
    expect(voided).toMatchObject({ voidReason: "test void", externalId: w.customer.externalId, type: otherType, properties: { tokens: 10, model: "m1" } });
    expect(voided.voidedAt).toBeInstanceOf(Date);
    expect(voided.receivedAt.getTime()).toBeGreaterThan(voided.timestamp.getTime());
  });

  it("filters by type, time range and id (prefix, or exact across customers)", async () => {
    expect((await allPages(admin, { customer: w.customer.id, type: otherType }, 2)).map((e) => e.id)).toEqual(expected((e) => e.type === otherType));
    const from = minutesAgo(8).toISOString();
    const to = minutesAgo(2).toISOString();
    expect((await allPages(admin, { customer: w.customer.id, from, to }, 3)).map((e) => e.id)).toEqual(expected((e) => e.at >= new Date(from) && e.at < new Date(to)));
    expect((await exploreEvents(admin, { customer: w.customer.id, id: `ex-${w.tag}-1` })).events.map((e) => e.id)).toEqual(expected((e) => e.id.startsWith(`ex-${w.tag}-1`)));
    const exact = await exploreEvents(admin, { id: `ex-${w.tag}-02`, match: "exact" });
    expect(exact.events.map((e) => [e.externalId, e.id])).toEqual([[w.customer.externalId, `ex-${w.tag}-02`]]);
    expect((await exploreEvents(admin, { customer: w.customer.id, id: `ex-${w.tag}-0`, match: "exact" })).events).toEqual([]);
  });

  it("refuses bad filters naming the field, and members", async () => {
    const problems = async (q: Record<string, string>) => toAppError(await exploreEvents(admin, q).catch((e) => e))?.problems.map((p) => p.field);
    expect(await problems({ id: "ex-" })).toEqual(["customer"]);
    expect(await problems({ customer: `nobody-${tag()}` })).toEqual(["customer"]);
    expect(await problems({ customer: w.customer.id, from: "yesterday" })).toEqual(["from"]);
    expect(await problems({ customer: w.customer.id, from: "2026-12-06T10:00", to: "2026-12-06T09:00" })).toEqual(["to"]);
    expect(await problems({ customer: w.customer.id, cursor: "not-a-cursor" })).toEqual(["cursor"]);
    const member = await memberOf(w.customer.id);
    await expect(exploreEvents(member, { customer: w.customer.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    signInAs(member);
    expect((await csv({ customer: w.customer.id })).status).toBe(403);
  });

  it("downloads the filtered set as CSV, formula-like cells defused", async () => {
    signInAs(admin);
    const { status, text } = await csv({ customer: w.customer.id });
    expect(status).toBe(200);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("customer,id,type,timestamp,received_at,voided_at,void_reason,quantities,properties");
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(expected().map(csvCell));
    expect(text).toContain(`,'=1+2-${w.tag},`);
    expect(text).toContain(`,'@x-${w.tag},`);
    expect(lines.find((l) => l.includes(`ex-${w.tag}-03`))).toContain("test void");
    expect((await csv({ customer: w.customer.id, type: otherType })).text.trimEnd().split("\r\n")).toHaveLength(1 + expected((e) => e.type === otherType).length);
    expect((await csv({ customer: w.customer.id, to: "garbage" })).status).toBe(422);
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("+x\nline")).toBe(`"'+x\nline"`);
  });

  it("reads through the indexes usage_events has", async () => {
    const plan = (q: Record<string, string>) =>
      prisma.$transaction(async (tx) => {
        // The test's tables are small: without this the planner may scan them whole, which says nothing of a big one.
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${exploreEventsQuery(eventExplorerParams.parse(q), w.customer.id, 51)}`);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    await prisma.$executeRawUnsafe("ANALYZE usage_events");
    expect(await plan({ customer: w.customer.id })).toContain("usage_events_customer_type_hour_idx");
    expect(await plan({ customer: w.customer.id, type: otherType, from: minutesAgo(60).toISOString() })).toContain("usage_events_customer_type_hour_idx");
    expect(await plan({ customer: w.customer.id, id: "x", match: "exact" })).toContain("usage_events_pkey");
  });
});
