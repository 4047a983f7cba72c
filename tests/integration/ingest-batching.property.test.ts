import Decimal from "decimal.js";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { createTestApiKey, upsertCustomer, upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { hoursAgo, tag } from "../support/usage-fixtures";

/** An event of the stream: its tokens (an exact decimal), model and time. */
type StreamEvent = { tokens: string; model: string; hour: number; minute: number };

const streamEvent = fc.record({
  tokens: fc.oneof(fc.integer({ min: 0, max: 100_000 }).map(String), fc.tuple(fc.nat(9999), fc.nat(999_999)).map(([i, f]) => `${i}.${String(f).padStart(6, "0")}`)),
  model: fc.constantFrom("a", "b", "c"),
  hour: fc.integer({ min: 1, max: 4 }),
  minute: fc.integer({ min: 0, max: 59 }),
});

/** A stream, and a way of sending it: batches of indices into it (repeats allowed, in any order), sequentially or all at once. */
const scenario = fc.array(streamEvent, { minLength: 1, maxLength: 20 }).chain((events) =>
  fc.record({
    events: fc.constant(events),
    batches: fc.array(fc.array(fc.nat(events.length - 1), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 10 }),
    concurrent: fc.boolean(),
    bareSingles: fc.boolean(),
  }),
);

type Row = { sum: string; count: number; max: string | null };

/** The rollups the distinct events must produce: by hour bucket and model, sum, count and max of tokens. */
function fold(events: StreamEvent[]): Record<string, Row> {
  const out: Record<string, Row> = {};
  for (const e of events) {
    const key = `${hoursAgo(e.hour).toISOString()} ${JSON.stringify([e.model])}`;
    const cur = out[key] ?? { sum: "0", count: 0, max: null };
    const v = new Decimal(e.tokens);
    out[key] = { sum: new Decimal(cur.sum).plus(v).toFixed(), count: cur.count + 1, max: cur.max === null || v.gt(cur.max) ? v.toFixed() : cur.max };
  }
  return out;
}

describe("ingestion is invariant under batching (property)", () => {
  let meter: Awaited<ReturnType<typeof upsertMeter>>;
  let key: string;

  beforeAll(async () => {
    const t = tag();
    meter = await upsertMeter({ key: `prop_${t}`, eventType: `prop_${t}`, aggregation: "SUM", valueProperty: "tokens", groupBy: ["model"] });
    key = (await createTestApiKey({ name: `prop ${t}` })).secret;
  });

  it("splitting one stream into any batches, in any order, with any duplicates, sequentially or concurrently, gives the rollups of its distinct events", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ events, batches, concurrent, bareSingles }) => {
        const customer = await upsertCustomer({ externalId: `prop-${tag()}` });
        const body = (i: number) => ({
          id: `s-${i}`,
          customer: customer.externalId,
          type: meter.eventType,
          timestamp: hoursAgo(events[i].hour, events[i].minute).toISOString(),
          properties: { tokens: events[i].tokens, model: events[i].model },
        });
        const send = (batch: number[]) => callRoute(POST, { key, body: bareSingles && batch.length === 1 ? body(batch[0]) : { events: batch.map(body) } });
        const responses = concurrent ? await Promise.all(batches.map(send)) : await batches.reduce(async (acc, b) => [...(await acc), await send(b)], Promise.resolve([] as Awaited<ReturnType<typeof send>>[]));

        const sent = [...new Set(batches.flat())];
        const outcomes = responses.flatMap((r) => {
          expect(r.status).toBe(202);
          return r.json.events ?? [r.json];
        });
        expect(outcomes.filter((o: { status: string }) => o.status === "accepted").map((o: { id: string }) => o.id).sort()).toEqual(sent.map((i) => `s-${i}`).sort());
        expect(outcomes.every((o: { status: string; contentDiffers?: boolean }) => o.status === "accepted" || (o.status === "duplicate" && o.contentDiffers === false))).toBe(true);

        expect(await prisma.usageEvent.count({ where: { customerId: customer.id } })).toBe(sent.length);
        const rows = await prisma.usageRollup.findMany({ where: { customerId: customer.id, meterId: meter.id } });
        const stored = Object.fromEntries(
          rows.map((r) => [`${r.bucket.toISOString()} ${r.dimensions}`, { sum: new Decimal(r.sum.toString()).toFixed(), count: Number(r.count), max: r.max === null ? null : new Decimal(r.max.toString()).toFixed() }]),
        );
        expect(stored).toEqual(fold(sent.map((i) => events[i])));
      }),
      { numRuns: 40 },
    );
  });
});
