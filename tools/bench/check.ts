/**
 * `npm run bench:check [-- --embedded --runs N --seconds S --build --no-floors --profile]`: latency and
 * throughput of the entitlement check (GET /api/v1/customers/{externalId}/entitlements[?meter=]) on the
 * built app (`next start` with METERLY_BENCH=1; it builds first when .next/BUILD_ID is missing, or with --build) on a
 * fresh PostgreSQL database on 127.0.0.1:5432 (dropped after), or with --embedded on the embedded PGlite.
 * See BENCHMARKS.md.
 *
 * It seeds 100 customers on a priced plan, with hard caps and alert-only limits (check-seed.ts), posts their
 * usage through the app's events API, and checks every customer's answers (with and without ?meter=). Then,
 * from a separate load-generator process (keep-alive loopback connections, 16 concurrent clients), after a
 * warm-up of each route and VACUUM (ANALYZE), each run measures for S seconds the do-nothing route
 * (GET /api/bench/noop) and then the entitlement check over all 100 customers, half the requests with
 * ?meter=; then both again from one client (the latency of a request that queues behind no other). It prints
 * p50, p99 and requests/s of each per run, then the medians and their range, the ratio of the rates (median
 * of the runs'), and the floor: the median p99 of the check from 16 clients under 10 ms. Last, it checks
 * the answers again. Exit 1 if an answer is wrong, 2 if the floor is missed on PostgreSQL (--no-floors:
 * report only; on --embedded the floor is reported, not enforced). --profile makes the app write V8 CPU
 * profiles (their folder is printed at the end).
 */
import type { ChildProcess } from "node:child_process";
import { freePort } from "@/lib/db/free-port";
import {
  benchUrl,
  buildIfNeeded,
  openBenchDatabase,
  request,
  settleDatabase,
  startApp,
  startLoadClient,
  stopProcess,
  waitUntilServing,
} from "./bench-app";
import { printCheckRun, printCheckSummary, type CheckPhase, type CheckRun } from "./check-report";
import { entitlementPath, postUsage, profiles, seedCheck, verifyAnswers } from "./check-seed";
import type { LoadRequest, LoadResult } from "./load-protocol";
import { machineCpuSeconds, namedCpuSeconds, treeCpuSeconds } from "./proc-stats";
import { benchArgs } from "./bench-args";

const {
  flag,
  option,
  profileDir: PROFILE_DIR,
} = benchArgs(
  "Usage: npm run bench:check [-- --embedded --runs N --seconds S --build --no-floors --profile]",
  "check.ts",
);
const EMBEDDED = flag("embedded");
const RUNS = option("runs", 5);
const SECONDS = option("seconds", 5);
const CUSTOMERS = 100;
const CONCURRENCY = 16;
const WARMUP_MS = 5000;
const FLOOR_P99_MS = 10;
/** --profile: the app writes V8 CPU profiles (open in Chrome DevTools) to a temporary folder, printed at the end. */

async function main() {
  if (!(RUNS >= 1 && SECONDS > 0)) throw new Error("--runs and --seconds take positive numbers");
  await buildIfNeeded(flag("build"));
  const db = await openBenchDatabase(EMBEDDED, "bench_check");
  const children: ChildProcess[] = [];
  const cleanups: (() => Promise<void> | void)[] = [() => db.drop()];
  const cleanup = async () => {
    for (const c of cleanups.reverse())
      await Promise.resolve(c()).catch((e: Error) => console.error("cleanup:", e.message));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void cleanup().then(() => process.exit(130)));
  process.once("exit", () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  try {
    const customers = profiles(CUSTOMERS);
    const key = await seedCheck(db.url, customers);
    const port = await freePort();
    const server = startApp(db.url, port, PROFILE_DIR);
    children.push(server);
    cleanups.push(() => stopProcess(server));
    await waitUntilServing(port, server, "bench:check");
    const origin = benchUrl(port, "");
    await postUsage(origin, key, customers);
    const wrong = await verifyAnswers(origin, key, customers);
    if (wrong.length > 0)
      throw new Error(`Wrong entitlement answers before the load:\n  ${wrong.join("\n  ")}`);
    console.log(
      `Seeded ${CUSTOMERS} customers; their ${CUSTOMERS * 2} answers (with and without ?meter=) are as expected.`,
    );

    const client = await startLoadClient();
    children.push(client);
    cleanups.push(() => stopProcess(client));
    // Half the requests name the meter; consecutive requests go to different customers.
    const paths = [false, true].flatMap((withMeter) =>
      customers.map((c) => entitlementPath(c.externalId, withMeter)),
    );
    const load = (
      ceilingStatus: number,
      routePaths: string[],
      concurrency: number,
      durationMs: number,
      tag: string,
    ): LoadRequest => ({
      url: origin,
      key,
      paths: routePaths,
      ceilingStatus,
      durationMs,
      concurrency,
      batchSize: 1,
      maxEvents: 50_000_000,
      duplicateRate: 0,
      customers: [],
      eventType: "none",
      idPrefix: tag,
      seed: 1,
    });
    const noop = (ms: number, tag: string, clients = CONCURRENCY) =>
      load(204, ["/api/bench/noop"], clients, ms, tag);
    const check = (ms: number, tag: string, clients = CONCURRENCY) => load(200, paths, clients, ms, tag);
    const phase = measure(client, server.pid!);

    console.log(`Warming up (${db.label}, app on 127.0.0.1:${port})...`);
    await phase(noop(WARMUP_MS, "warm-noop"));
    await phase(check(WARMUP_MS, "warm-check"));
    await settleDatabase(db.url);

    const runs: CheckRun[] = [];
    for (let r = 1; r <= RUNS; r++) {
      const run: CheckRun = {
        noop: await phase(noop(SECONDS * 1000, `noop-${r}`)),
        check: await phase(check(SECONDS * 1000, `check-${r}`)),
        // One client at a time: the latency of a request that waits behind no other (no floor).
        noop1: await phase(noop(SECONDS * 1000, `noop1-${r}`, 1)),
        check1: await phase(check(SECONDS * 1000, `check1-${r}`, 1)),
      };
      runs.push(run);
      printCheckRun(r, run);
    }
    const floorMet = printCheckSummary(runs, {
      label: db.label,
      seconds: SECONDS,
      customers: CUSTOMERS,
      concurrency: CONCURRENCY,
      floorP99Ms: FLOOR_P99_MS,
    });
    if (PROFILE_DIR) console.log(`  CPU profiles of the app (written when it stops): ${PROFILE_DIR}`);
    const after = await verifyAnswers(origin, key, customers);
    if (after.length > 0) {
      console.error(`\nFAILED: wrong entitlement answers after the load:\n  ${after.join("\n  ")}`);
      process.exitCode = 1;
    } else {
      console.log(
        `\nChecked: all ${CUSTOMERS * 2} answers as expected before and after the load (capped customers refused, alert-only allowed, meter caps only with ?meter=).`,
      );
      if (!floorMet && !EMBEDDED && !flag("no-floors")) process.exitCode = 2;
    }
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

/** A phase sent to the load generator, with the CPU the app, the database, the client and the machine used meanwhile. */
function measure(client: ChildProcess, appPid: number) {
  // Embedded: PGlite runs inside this process.
  const dbSeconds = () => (EMBEDDED ? ownCpuSeconds() : namedCpuSeconds("postgres"));
  return async (req: LoadRequest): Promise<CheckPhase> => {
    const cpu0 = {
      app: treeCpuSeconds(appPid),
      db: dbSeconds(),
      client: treeCpuSeconds(client.pid!),
      machine: machineCpuSeconds(),
    };
    const result = await request<LoadResult>(client, { kind: "phase", request: req });
    const s = result.elapsedMs / 1000;
    if (result.errors > 0)
      throw new Error(
        `${req.idPrefix}: ${result.errors} failed requests, e.g. ${result.errorSamples.join(" | ")}`,
      );
    return {
      ...result,
      cpu: {
        app: (treeCpuSeconds(appPid) - cpu0.app) / s,
        db: (dbSeconds() - cpu0.db) / s,
        client: (treeCpuSeconds(client.pid!) - cpu0.client) / s,
        machine: (machineCpuSeconds() - cpu0.machine) / s,
      },
    };
  };
}

function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
