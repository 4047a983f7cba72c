import { afterAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { pool } from "@/lib/db/client";
import { ingestInWorker, stopIngestWorker } from "@/lib/metering/ingest-worker/ingest-worker-client";
import { archiveMeter } from "@/lib/metering/meters/archive-meter";
import { meteredCustomer } from "../support/fixtures";
import { adminUser, tag } from "../support/usage-fixtures";

// The Next.js server hands POST /api/v1/events to this worker thread (lib/metering/ingest-worker); the route
// tests run the same handler in-process, these run it through the thread.
afterAll(() => stopIngestWorker());

const event = (customer: string, type: string, id: string, tokens: number) => ({ id, customer, type, timestamp: new Date().toISOString(), properties: { tokens, model: "m" } });

async function rollupSum(customerId: string, meterId: string): Promise<string> {
  const { rows } = await pool().query<{ sum: string }>("SELECT coalesce(sum(sum), 0)::text AS sum FROM usage_rollups WHERE customer_id = $1 AND meter_id = $2", [customerId, meterId]);
  return rows[0].sum;
}

describe("the ingest worker thread", () => {
  it("stores concurrent retries of a batch once and answers each with every event's outcome", async () => {
    const c = await meteredCustomer();
    const body = JSON.stringify({ events: [1, 2, 3].map((n) => event(c.customer.externalId, c.meter.eventType, `w-${c.tag}-${n}`, n * 10)) });
    const replies = await Promise.all(Array.from({ length: 6 }, () => ingestInWorker(`Bearer ${c.key.secret}`, body)));
    const statuses = replies.map((r) => JSON.parse(r.text).events.map((e: { status: string }) => e.status));
    expect(replies.every((r) => r.status === 202)).toBe(true);
    // Each event accepted by exactly one of the six requests, a duplicate in the five others.
    for (let i = 0; i < 3; i++) expect(statuses.filter((s) => s[i] === "accepted")).toHaveLength(1);
    const { rows } = await pool().query("SELECT count(*)::int AS n FROM usage_events WHERE customer_id = $1", [c.customer.id]);
    expect(rows[0].n).toBe(3);
    expect(Number(await rollupSum(c.customer.id, c.meter.id))).toBe(60);
  });

  it("answers bad requests with the same statuses and errors as the route", async () => {
    const c = await meteredCustomer();
    const unauthorized = await ingestInWorker("Bearer mtr_not_a_key", "{}");
    expect(unauthorized.status).toBe(401);
    expect(JSON.parse(unauthorized.text).error.code).toBe("UNAUTHORIZED");
    const malformed = await ingestInWorker(`Bearer ${c.key.secret}`, "{ not json");
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).error.message).toMatch(/not valid JSON/);
    const rejected = await ingestInWorker(`Bearer ${c.key.secret}`, JSON.stringify({ customer: c.customer.externalId, type: c.meter.eventType, properties: {} }));
    expect(rejected.status).toBe(422);
    expect(JSON.parse(rejected.text).event.problems.map((p: { field: string }) => p.field)).toContain("id");
  });

  it("sees at once a meter archived and a key revoked by the server thread", async () => {
    const c = await meteredCustomer();
    const admin = await adminUser();
    const send = (n: number) => ingestInWorker(`Bearer ${c.key.secret}`, JSON.stringify(event(c.customer.externalId, c.meter.eventType, `a-${tag()}`, n)));
    expect((await send(5)).status).toBe(202); // the worker now has the meter and the key in its caches
    await archiveMeter(admin, c.meter.id);
    // Within the worker's 2 s cache, but the archive emptied it: no active meter counts the type now.
    const afterArchive = await send(7);
    expect(afterArchive.status).toBe(422);
    expect(JSON.parse(afterArchive.text).event.problems).toContainEqual(expect.objectContaining({ field: "type", rule: "known_event_type" }));
    expect(Number(await rollupSum(c.customer.id, c.meter.id))).toBe(5);
    await revokeApiKey(admin, c.key.id);
    expect((await send(9)).status).toBe(401);
  });

  it("is replaced by a new worker when it stops", async () => {
    const c = await meteredCustomer();
    await stopIngestWorker();
    const reply = await ingestInWorker(`Bearer ${c.key.secret}`, JSON.stringify(event(c.customer.externalId, c.meter.eventType, `r-${c.tag}`, 1)));
    expect(reply.status).toBe(202);
    expect(JSON.parse(reply.text).status).toBe("accepted");
  });
});
