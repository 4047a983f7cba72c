import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { timestampInHours, timestampInRange } from "@/lib/metering/meters/event-hour";
import { meteredCustomer } from "../support/fixtures";
import { tag } from "../support/usage-fixtures";

const INDEX = "usage_events_customer_type_hour_idx";

type PlanNode = { "Index Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };

/**
 * The index conditions of `query`'s plan with sequential scans ruled out: whether PostgreSQL can find its
 * rows by the hour index, hour included (not only by the customer and type that lead the index).
 */
async function hourIndexConditions(query: Prisma.Sql): Promise<string[]> {
  const plan = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    const rows = await tx.$queryRaw<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`);
    return rows[0]["QUERY PLAN"][0].Plan;
  });
  const conditions: string[] = [];
  const visit = (n: PlanNode) => {
    if (n["Index Name"] === INDEX && n["Index Cond"]?.includes("date_trunc")) conditions.push(n["Index Cond"]);
    n.Plans?.forEach(visit);
  };
  visit(plan);
  return conditions;
}

/** The idempotency keys `query` (selecting idempotency_key) finds, sorted. */
async function keysFound(query: Prisma.Sql): Promise<string[]> {
  return (await prisma.$queryRaw<{ idempotency_key: string }[]>(query)).map((r) => r.idempotency_key).sort();
}

/** `query` finds exactly `found` of the stored events, none of `missed`, and PostgreSQL can find them by the hour index. */
async function expectFoundByHour(query: Prisma.Sql, found: string[], missed: string[]): Promise<void> {
  const keys = await keysFound(query);
  expect(keys).toEqual([...found].sort());
  for (const k of missed) expect(keys).not.toContain(k);
  expect(await hourIndexConditions(query)).toHaveLength(1);
}

async function storeAt(customerId: string, type: string, times: string[]): Promise<string[]> {
  const ids = times.map((_, i) => `h-${tag()}-${i}`);
  await prisma.usageEvent.createMany({ data: times.map((t, i) => ({ customerId, idempotencyKey: ids[i], eventType: type, timestamp: new Date(t), properties: { tokens: 1 } })) });
  return ids;
}

describe("usage_events' (customer, type, hour) index", () => {
  it("serves a customer's events of a type over a time range, with the range's bounds exact", async () => {
    const c = await meteredCustomer();
    const [beforeFrom, atFrom, beforeTo, atTo] = await storeAt(c.customer.id, c.meter.eventType, [
      "2026-11-20T10:29:59.999Z",
      "2026-11-20T10:30:00.000Z",
      "2026-11-20T12:14:59.999Z",
      "2026-11-20T12:15:00.000Z",
    ]);
    const from = new Date("2026-11-20T10:30:00Z");
    const to = new Date("2026-11-20T12:15:00Z");
    const query = Prisma.sql`SELECT idempotency_key FROM usage_events WHERE customer_id = ${c.customer.id}::uuid AND event_type = ${c.meter.eventType} AND ${timestampInRange(from, to)}`;
    await expectFoundByHour(query, [atFrom, beforeTo], [beforeFrom, atTo]);
  });

  it("serves the events of given hours (recounts), each hour's events and no other's", async () => {
    const c = await meteredCustomer();
    const [last, first, inSecond, next] = await storeAt(c.customer.id, c.meter.eventType, [
      "2026-11-20T09:59:59.999Z",
      "2026-11-20T10:00:00.000Z",
      "2026-11-20T12:59:59.999Z",
      "2026-11-20T13:00:00.000Z",
    ]);
    const hours = [new Date("2026-11-20T10:00:00Z"), new Date("2026-11-20T12:00:00Z")];
    const query = Prisma.sql`SELECT e.idempotency_key FROM usage_events e WHERE e.customer_id = ${c.customer.id}::uuid AND e.event_type = ${c.meter.eventType} AND ${timestampInHours(hours, "e")}`;
    await expectFoundByHour(query, [first, inSecond], [last, next]);
  });

  it("is the only secondary index on usage_events (the exact-timestamp one it replaced is gone)", async () => {
    const rows = await prisma.$queryRaw<{ indexname: string }[]>`SELECT indexname::text AS indexname FROM pg_indexes WHERE tablename = 'usage_events' ORDER BY indexname`;
    expect(rows.map((r) => r.indexname)).toEqual([INDEX, "usage_events_pkey"]);
  });
});
