/**
 * `npm run bench:ingest [-- --embedded --runs N --seconds S --build --no-floors --only PHASE --profile --instances N]`:
 * ingestion throughput of the built app (`next start`; it builds first when .next/BUILD_ID is missing, or
 * with --build) on a fresh PostgreSQL database on 127.0.0.1:5432 (dropped after), or with --embedded on
 * the embedded PGlite (in a temporary folder, removed after). See BENCHMARKS.md.
 *
 * Each run measures, from a separate load-generator process over keep-alive loopback connections:
 *   framework   the do-nothing route (app/api/bench/noop) under the load of (b)
 *   echo        a route that reads the body and answers a one-event reply (app/api/bench/echo), same
 *               load: what Next.js charges any route with a body to read and one to send (no floor)
 *   (b) single  one event per request from 16 concurrent clients
 *   (a) batch   batches of 500 events from 8 concurrent clients
 *   raw DB      4 connections inserting 1,000-row unnest batches with the same dedup key
 * with 10% of events exact re-sends of recently sent ones (possibly still in flight). It prints
 * events/s, p50/p99 latency, CPU per event (app, database), grouping and the run's ratios (each phase
 * against a ceiling measured in the same run) per run, then the medians (of the ratios too) and the
 * app's peak RSS; then checks that the stored events and rollup
 * sums are exactly what was acknowledged (exit 1 if not). On PostgreSQL it checks the floors too (exit
 * 2 if one is missed; --no-floors only reports them). --only noop|echo|single|batch|raw (repeatable) runs
 * some phases; --profile makes the app write V8 CPU profiles. --instances N starts N app instances on the
 * one database, and the load's clients take them in turn (README "Scaling out").
 */
import type { ChildProcess } from "node:child_process";
import { freePort } from "@/lib/db/free-port";
import { buildIfNeeded, openBenchDatabase, request, settleDatabase, startApp, startLoadClient, stopProcess, waitUntilServing } from "./bench-app";
import type { Ledger, LoadRequest, LoadResult } from "./load-protocol";
import { printRun, printSummary, type Floors, type PhaseResult, type RunFigures } from "./report";
import { verifyAcknowledged } from "./verify-acknowledged";
import { busiestProcess, machineCpuSeconds, namedCpuSeconds, sampleRss, threadCpuSeconds, treeCpuSeconds } from "./proc-stats";
import { rawInsertCeiling } from "./raw-insert-ceiling";
import { benchArgs } from "./bench-args";

/** --only noop|echo|single|batch|raw (repeatable): just those phases; --profile: V8 CPU profiles of the app, folder printed at the end. */
const { flag, option, only: ONLY, profileDir: PROFILE_DIR } = benchArgs(
  "Usage: npm run bench:ingest [-- --embedded --runs N --seconds S --build --no-floors --only noop|echo|single|batch|raw --profile --instances N]",
  "ingest.ts",
);
const EMBEDDED = flag("embedded");
/** Five runs by default: one run of a phase can stall on this shared machine, and the median of five shrugs off two. */
const RUNS = option("runs", 5);
const SECONDS = option("seconds", 6);
/** --instances N: N app instances (each with its ingest worker) on the one database. */
const INSTANCES = option("instances", 1);
/** --only noop|echo|single|batch|raw: just those phases (repeatable), e.g. while profiling. */
const runs = (p: string) => ONLY.size === 0 || ONLY.has(p);
/** --profile: the app writes V8 CPU profiles (open in Chrome DevTools) to a temporary folder, printed at the end. */
const CUSTOMERS = 20;
/** Each phase runs this long before the measured runs: with 1.5 s the first run's figures came out up to twice as slow (JIT, caches). */
const WARMUP_MS = 5000;
const EVENT_TYPE = "bench_tokens";

const FLOORS: Floors = { batchEventsPerSec: 25_000, batchOfRaw: 0.35, singleOfFramework: 0.6, singleP99Ms: 100, peakRssMb: 600 };

async function main() {
  await buildIfNeeded(flag("build"));
  const db = await openBenchDatabase(EMBEDDED);
  const cleanups: (() => Promise<void> | void)[] = [() => db.drop()];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e: Error) => console.error("cleanup:", e.message));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().then(() => process.exit(130)));
  // Last resort (an uncaught error, a kill): never leave the app or the load generator running.
  process.once("exit", () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  try {
    const { key, customers } = await seed(db.url);
    const ports: number[] = [];
    for (let i = 0; i < INSTANCES; i++) ports.push(await freePort());
    const servers = ports.map((p) => startApp(db.url, p, PROFILE_DIR));
    children.push(...servers);
    for (const s of servers) cleanups.push(() => stopProcess(s));
    for (let i = 0; i < INSTANCES; i++) await waitUntilServing(ports[i], servers[i]);
    const port = ports[0];
    appPids = servers.map((s) => s.pid!);
    statsUrls = ports.map((p) => `http://127.0.0.1:${p}/api/bench/stats`);
    const rss = sampleRss(servers[0].pid!);
    const client = await startLoadClient();
    children.push(client);
    cleanups.push(() => stopProcess(client));

    const origins = INSTANCES > 1 ? ports.map((p) => `http://127.0.0.1:${p}`) : undefined;
    const base = { key, customers, eventType: EVENT_TYPE, duplicateRate: 0.1, maxEvents: 5_000_000, origins };
    const single = (url: string, ceilingStatus: number | null, durationMs: number, tag: string): LoadRequest => ({ ...base, url, ceilingStatus, batchSize: 1, concurrency: 16, durationMs, idPrefix: tag, seed: hash(tag) });
    const batch = (durationMs: number, tag: string): LoadRequest => ({ ...base, url: eventsUrl(port), ceilingStatus: null, batchSize: 500, concurrency: 8, durationMs, idPrefix: tag, seed: hash(tag) });

    console.log(`Warming up (${EMBEDDED ? "embedded PGlite" : "PostgreSQL"}, app on 127.0.0.1:${ports.join(", ")})...`);
    if (runs("noop")) await phase(client, single(noopUrl(port), 204, WARMUP_MS, "warm-noop"));
    if (runs("echo")) await phase(client, single(echoUrl(port), 202, WARMUP_MS, "warm-echo"));
    if (runs("single")) await phase(client, single(eventsUrl(port), null, WARMUP_MS, "warm-single"));
    if (runs("batch")) await phase(client, batch(WARMUP_MS, "warm-batch"));
    await settleDatabase(db.url);

    const figures: RunFigures[] = [];
    for (let r = 1; r <= RUNS; r++) {
      const f: RunFigures = {
        framework: runs("noop") ? await phase(client, single(noopUrl(port), 204, SECONDS * 1000, `noop-${r}`)) : null,
        echo: runs("echo") ? await phase(client, single(echoUrl(port), 202, SECONDS * 1000, `echo-${r}`)) : null,
        single: runs("single") ? await phase(client, single(eventsUrl(port), null, SECONDS * 1000, `single-${r}`)) : null,
        batch: runs("batch") ? await phase(client, batch(SECONDS * 1000, `batch-${r}`)) : null,
        rawDb: runs("raw") ? await rawInsertCeiling(db.url, SECONDS * 1000) : null,
      };
      figures.push(f);
      printRun(r, f);
    }
    const peakRssMb = rss.stop();
    const ledger = await request<Ledger>(client, { kind: "ledger" });
    const problems = await verifyAcknowledged(db.url, ledger);
    const floorsMissed = printSummary(figures, peakRssMb, ledger, { embedded: EMBEDDED, seconds: SECONDS, profileDir: PROFILE_DIR, floors: FLOORS });
    if (problems.length > 0) {
      console.error(`\nFAILED: the database does not hold exactly what was acknowledged:\n  ${problems.join("\n  ")}`);
      process.exitCode = 1;
    } else {
      console.log(`\nChecked: ${ledger.acknowledged} distinct events acknowledged, each stored once, rollup sums exact for ${Object.keys(ledger.byCustomer).length} customers.`);
      if (floorsMissed.length > 0 && !EMBEDDED && !flag("no-floors")) process.exitCode = 2;
    }
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

async function seed(databaseUrl: string): Promise<{ key: string; customers: string[] }> {
  process.env.DATABASE_URL = databaseUrl;
  const { upsertCustomer, upsertMeter, createTestApiKey } = await import("@/lib/seed/factories");
  const { closeDb } = await import("@/lib/db/client");
  const customers: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) customers.push((await upsertCustomer({ externalId: `bench-${String(i).padStart(2, "0")}` })).externalId);
  await upsertMeter({ key: EVENT_TYPE, eventType: EVENT_TYPE, aggregation: "SUM", valueProperty: "tokens", groupBy: ["model"], unit: "tokens" });
  const key = await createTestApiKey({ name: "bench" });
  await closeDb();
  return { key: key.secret, customers };
}

type CommitStats = { groups: number; requests: number; units: number; failedGroups: number; busyMs: number; writers: number };

/** The commit counters of every instance, summed (writers too: the ingest writers of all of them). */
async function commitStats(): Promise<CommitStats> {
  const all = await Promise.all(statsUrls.map(async (u) => (await fetch(u)).json() as Promise<CommitStats>));
  const sum = (k: keyof CommitStats) => all.reduce((n, s) => n + s[k], 0);
  return { groups: sum("groups"), requests: sum("requests"), units: sum("units"), failedGroups: sum("failedGroups"), busyMs: sum("busyMs"), writers: sum("writers") };
}

async function phase(client: ChildProcess, req: LoadRequest): Promise<PhaseResult> {
  const before = req.ceilingStatus !== null ? null : await commitStats();
  serverPid ||= busiestProcess(appPids[0]);
  const appCpu = () => appPids.reduce((s, pid) => s + treeCpuSeconds(pid), 0);
  const cpu0 = { app: appCpu(), server: threadCpuSeconds(serverPid), client: treeCpuSeconds(client.pid!), db: EMBEDDED ? ownCpuSeconds() : namedCpuSeconds("postgres"), machine: machineCpuSeconds() };
  const result = await request<LoadResult>(client, { kind: "phase", request: req });
  const seconds = result.elapsedMs / 1000;
  const cpu = {
    app: (appCpu() - cpu0.app) / seconds,
    server: (threadCpuSeconds(serverPid) - cpu0.server) / seconds,
    client: (treeCpuSeconds(client.pid!) - cpu0.client) / seconds,
    // Embedded: PGlite runs inside this process.
    db: (EMBEDDED ? ownCpuSeconds() - cpu0.db : namedCpuSeconds("postgres") - cpu0.db) / seconds,
    machine: (machineCpuSeconds() - cpu0.machine) / seconds,
  };
  if (result.errors > 0) throw new Error(`${req.idPrefix}: ${result.errors} failed requests, e.g. ${result.errorSamples.join(" | ")}`);
  if (!before) return { ...result, cpu, perGroup: null };
  const after = await commitStats();
  const groups = after.groups - before.groups;
  const perGroup = {
    requests: (after.requests - before.requests) / groups,
    events: (after.units - before.units) / groups,
    failedGroups: after.failedGroups - before.failedGroups,
    writers: after.writers,
    busy: (after.busyMs - before.busyMs) / (result.elapsedMs * after.writers),
  };
  return { ...result, cpu, perGroup };
}

function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The app servers' pids, for CPU accounting (summed), and that of the process in the first one's tree that serves HTTP (its main thread is Next.js's). */
let appPids: number[] = [];
let serverPid = 0;
let statsUrls: string[] = [];

const children: ChildProcess[] = [];

const eventsUrl = (port: number) => `http://127.0.0.1:${port}/api/v1/events`;
const noopUrl = (port: number) => `http://127.0.0.1:${port}/api/bench/noop`;
const echoUrl = (port: number) => `http://127.0.0.1:${port}/api/bench/echo`;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
