/**
 * `npm run bench:group [-- --reps N]`: what one ingest group transaction costs, in CPU, on a fresh
 * PostgreSQL database on 127.0.0.1:5432 (dropped after). Groups are written one after another through
 * the event committer's own writeEventGroup (no HTTP, no concurrency), so the figures are CPU time per
 * group and per event, for this process (the app's side) and for every postgres process (the database's
 * side), not rates: they move far less with the load of a shared machine than bench:ingest's throughput,
 * which makes them the measure to compare two versions of the write path with (run each in turn, a few
 * times). Two shapes: groups of 1 event (bench:ingest's (b)) and of 1,000 events ((a)), both with 10%
 * re-sends of events already stored. Prints the median of --reps repetitions (default 5) after a warm-up.
 */
import { createTestDatabase } from "@/tests/support/test-database";
import { namedCpuSeconds } from "./proc-stats";

const args = process.argv.slice(2);
const REPS = args.includes("--reps") ? Number(args[args.indexOf("--reps") + 1]) : 5;
const CUSTOMERS = 20;
const TYPE = "bench_tokens";
const SHAPES = [
  { label: "groups of 1 event", events: 1, groups: 1500 },
  { label: "groups of 1,000 events", events: 1000, groups: 15 },
];

type Cost = { appPerEvent: number; dbPerEvent: number; appPerGroup: number; dbPerGroup: number };

async function main() {
  const db = await createTestDatabase("bench_group");
  if (db.kind !== "server") {
    await db.drop();
    throw new Error("No PostgreSQL answers on 127.0.0.1:5432 (or TEST_DATABASE_URL)");
  }
  process.env.DATABASE_URL = db.url;
  try {
    const { upsertCustomer, upsertMeter } = await import("@/lib/seed/factories");
    const { pool } = await import("@/lib/db/client");
    const { eventCommitter, writeEventGroup } = await import("@/lib/metering/ingest/event-committer");
    const { loadIngestContext } = await import("@/lib/metering/ingest/load-ingest-context");
    const { prepareEvent } = await import("@/lib/metering/ingest/prepare-events");
    type Prepared = Exclude<ReturnType<typeof prepareEvent>, { status: "rejected" }>;
    const customers: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) customers.push((await upsertCustomer({ externalId: `group-${i}` })).externalId);
    await upsertMeter({ key: TYPE, eventType: TYPE, aggregation: "SUM", valueProperty: "tokens", groupBy: ["model"], unit: "tokens" });
    await eventCommitter(); // names the prepared statements, as the app does on PostgreSQL

    let seq = 0;
    const stored: { customer: string; id: string }[] = [];
    const group = async (size: number) => {
      const now = new Date();
      const ctx = await loadIngestContext(pool(), customers, [TYPE], now.getTime());
      const events: Prepared[] = [];
      for (let i = 0; i < size; i++) {
        const n = seq++;
        const resend = n % 10 === 9 && stored.length > 100;
        const ref = resend ? stored[stored.length - 1 - (n % 100)] : { customer: customers[n % CUSTOMERS], id: `g-${n}` };
        if (!resend) stored.push(ref);
        const e = prepareEvent({ id: ref.id, customer: ref.customer, type: TYPE, properties: { tokens: 1 + (n % 1000), model: `m-${n % 3}` } }, i, ctx, { now, maxAgeDays: 35, maxFutureMinutes: 5 });
        if ("status" in e) throw new Error(`event rejected: ${JSON.stringify(e.problems)}`);
        events.push(e);
      }
      return { events, explicitTimestamp: events.map(() => false) };
    };
    const measure = async (size: number, groups: number): Promise<Cost> => {
      const submissions = [];
      for (let g = 0; g < groups; g++) submissions.push(await group(size));
      const db0 = namedCpuSeconds("postgres");
      const app0 = process.cpuUsage();
      for (const s of submissions) await writeEventGroup([s]);
      const app = process.cpuUsage(app0);
      const dbUs = (namedCpuSeconds("postgres") - db0) * 1e6;
      const appUs = app.user + app.system;
      const events = size * groups;
      return { appPerEvent: appUs / events, dbPerEvent: dbUs / events, appPerGroup: appUs / groups, dbPerGroup: dbUs / groups };
    };

    console.log(`Ingest group cost on PostgreSQL: CPU per group and per event, medians of ${REPS} repetitions`);
    for (const shape of SHAPES) {
      await measure(shape.events, shape.groups); // warm-up: JIT, plans, caches
      const costs: Cost[] = [];
      for (let r = 0; r < REPS; r++) costs.push(await measure(shape.events, shape.groups));
      const m = (k: keyof Cost) => median(costs.map((c) => c[k]));
      console.log(
        `  ${shape.label.padEnd(24)} app ${fmt(m("appPerGroup"))} µs + db ${fmt(m("dbPerGroup"))} µs per group; app ${fmt(m("appPerEvent"))} µs + db ${fmt(m("dbPerEvent"))} µs per event`,
      );
    }
    await pool().end();
  } finally {
    await db.drop();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
