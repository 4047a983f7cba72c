import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { pool, prisma } from "@/lib/db/client";
import type { EventSubmission } from "@/lib/metering/ingest/commit-event-group";
import { writeEventGroup } from "@/lib/metering/ingest/event-committer";
import { loadIngestContext } from "@/lib/metering/ingest/load-ingest-context";
import { prepareEvent, type PreparedEvent } from "@/lib/metering/ingest/prepare-events";
import { upsertCustomer } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";
import { tag } from "../support/usage-fixtures";

/** usage_events has no foreign key to customers (its per-row check was a quarter of ingestion's database cost); these hold in its place. */
describe("usage events and their customer", () => {
  it("a customer with usage events cannot be deleted; one without can", async () => {
    const c = await meteredCustomer();
    const res = await callRoute(POST, { key: c.key.secret, body: { id: `g-${tag()}`, customer: c.customer.externalId, type: c.meter.eventType, properties: { tokens: 1, model: "m" } } });
    expect(res.status).toBe(202);
    await expect(pool().query("DELETE FROM customers WHERE id = $1", [c.customer.id])).rejects.toMatchObject({ code: "23503" });
    expect(await prisma.customer.count({ where: { id: c.customer.id } })).toBe(1);

    const empty = await upsertCustomer({ externalId: `empty-${tag()}` });
    await pool().query("DELETE FROM customers WHERE id = $1", [empty.id]);
    expect(await prisma.customer.count({ where: { id: empty.id } })).toBe(0);
  });

  it("a group naming a customer that no longer exists writes nothing", async () => {
    const c = await meteredCustomer();
    const now = new Date();
    const ctx = await loadIngestContext(pool(), [c.customer.externalId], [c.meter.eventType], now.getTime());
    const event = prepareEvent({ id: `gone-${tag()}`, customer: c.customer.externalId, type: c.meter.eventType, properties: { tokens: 1, model: "m" } }, 0, ctx, { now, maxAgeDays: 35, maxFutureMinutes: 5 }) as PreparedEvent;
    const ghost = { ...event, id: `ghost-${tag()}`, customerId: "00000000-0000-4000-8000-000000000000" };
    const submission: EventSubmission = { events: [event, ghost], explicitTimestamp: [false, false] };
    await expect(writeEventGroup([submission])).rejects.toThrow(/no longer exist/);
    expect(await prisma.usageEvent.count({ where: { customerId: { in: [c.customer.id, ghost.customerId] } } })).toBe(0);
  });

  it("a group waits while another transaction holds its customer FOR UPDATE (as voids and subscription changes do), then writes", async () => {
    const c = await meteredCustomer();
    const now = new Date();
    const ctx = await loadIngestContext(pool(), [c.customer.externalId], [c.meter.eventType], now.getTime());
    const event = prepareEvent({ id: `held-${tag()}`, customer: c.customer.externalId, type: c.meter.eventType, properties: { tokens: 3, model: "m" } }, 0, ctx, { now, maxAgeDays: 35, maxFutureMinutes: 5 }) as PreparedEvent;
    const holder = await pool().connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM customers WHERE id = $1 FOR UPDATE", [c.customer.id]);
      let settled = false;
      const writing = writeEventGroup([{ events: [event], explicitTimestamp: [false] }]).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 400));
      expect(settled).toBe(false);
      const waiting = await pool().query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%usage_events%'");
      expect(waiting.rows[0].n).toBeGreaterThanOrEqual(1);
      await holder.query("COMMIT");
      expect(await writing).toEqual([[{ status: "accepted" }]]);
    } finally {
      await holder.query("ROLLBACK").catch(() => {});
      holder.release();
    }
    expect(await prisma.usageEvent.count({ where: { customerId: c.customer.id, idempotencyKey: event.id } })).toBe(1);
  });
});
