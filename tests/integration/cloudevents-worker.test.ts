import { afterAll, describe, expect, it } from "vitest";
import { CloudEvent, HTTP } from "cloudevents";
import { pool } from "@/lib/db/client";
import { ingestInWorker, stopIngestWorker } from "@/lib/metering/ingest-worker/ingest-worker-client";
import { meteredCustomer } from "../support/fixtures";

// In the Next.js server POST /api/v1/events is answered by the ingest worker thread: the Content-Type must
// reach its parser there, and concurrent retries of one CloudEvent must still be stored once.
afterAll(() => stopIngestWorker());

describe("CloudEvents through the ingest worker thread", () => {
  it("parses by the Content-Type it is handed and stores concurrent retries of one CloudEvent once", async () => {
    const c = await meteredCustomer();
    const ce = new CloudEvent({ id: `cew-${c.tag}`, source: "/svc", type: c.meter.eventType, subject: c.customer.externalId, data: { tokens: 42, model: "m" } });
    const { headers, body } = HTTP.structured(ce);
    const replies = await Promise.all(Array.from({ length: 5 }, () => ingestInWorker(`Bearer ${c.key.secret}`, String(body), String(headers["content-type"]))));
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(replies.filter((r) => JSON.parse(r.text).status === "accepted")).toHaveLength(1);
    const { rows } = await pool().query("SELECT count(*)::int AS n FROM usage_events WHERE customer_id = $1", [c.customer.id]);
    expect(rows[0].n).toBe(1);
    // The same text as our JSON would be refused: the worker really read it as a CloudEvent.
    const asJson = await ingestInWorker(`Bearer ${c.key.secret}`, String(body), "application/json");
    expect(asJson.status).toBe(422);
    const batch = await ingestInWorker(`Bearer ${c.key.secret}`, "[]", "application/cloudevents-batch+json");
    expect(batch.status).toBe(422);
  });
});
