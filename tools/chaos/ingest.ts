/**
 * `npm run chaos:ingest [-- --embedded --events N --kills K --seconds S --seed N --build]`: ingestion under
 * SIGKILL. Starts the built app (`next start` on loopback; it builds first under the build lock when there is
 * no build, or with --build) on a scratch PostgreSQL database that it creates and drops, or with --embedded
 * runs `npm start` itself on PGlite in a temporary data dir (removed after). It seeds customers on a priced
 * plan with prepaid credits (chaos-seed.ts), then a client (chaos-client.ts) posts N events in batches and
 * singly, 10% of requests retries, while the script kills the app's process group with SIGKILL at K random
 * moments mid-flight and restarts it; the client sends whatever was not acknowledged again until all is.
 * After one more kill and restart, it checks (verify-chaos.ts, then `npm run ledger:check`) and prints the
 * counts; it exits 1 on any loss, duplicate or mismatch, or when the run (after the first start) did not
 * finish within S seconds.
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/db/free-port";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { createScratchDatabase } from "@/tests/support/scratch-database";
import { mustRun, runCommand } from "@/scripts/support/run-command";
import { prng } from "@/tools/bench/prng";
import { killGroup, startApp, stopGroup, waitUntilHealthy, type AppTarget, type RunningApp } from "./app-process";
import { holdBuildLock } from "./build-lock";
import { ChaosClient } from "./chaos-client";
import { CHAOS_EVENT_TYPE, seedChaos } from "./chaos-seed";
import { verifyChaos } from "./verify-chaos";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} takes a number`);
  return n;
};
if (flag("help")) {
  console.log("Usage: npm run chaos:ingest [-- --embedded --events N --kills K --seconds S --seed N --build]\nSee the header of tools/chaos/ingest.ts.");
  process.exit(0);
}
const EMBEDDED = flag("embedded");
const EVENTS = option("events", 20_000);
const KILLS = option("kills", 6);
const SECONDS = option("seconds", 270);
const SEED = option("seed", 1);
const CUSTOMERS = 8;
const CONCURRENCY = 8;

const appLog: string[] = [];
const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), "meterly-chaos-log-")), "app.log");
const log = (line: string) => {
  appendFileSync(logFile, line + "\n");
  appLog.push(line);
  if (appLog.length > 60) appLog.shift();
};

async function main(): Promise<number> {
  let started = Date.now();
  let deadline = started + SECONDS * 1000;
  const random = prng(SEED ^ 0x5eed);
  const cleanups: (() => Promise<void> | void)[] = [];
  let app: RunningApp | null = null;
  /** Set once the run ends: the app's exit is then expected, not a crash to recover from. */
  let stopping = false;
  process.once("exit", () => {
    if (app) try { process.kill(-app.child.pid!, "SIGKILL"); } catch { /* gone */ }
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().then(() => process.exit(130)));
  async function cleanup() {
    stopping = true;
    if (app) await stopGroup(app).catch(() => {});
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e: Error) => console.error("cleanup:", e.message));
    cleanups.length = 0;
  }

  const lock = await holdBuildLock();
  cleanups.push(() => lock.release());
  try {
    if (flag("build") || !existsSync(".next/BUILD_ID")) {
      console.log("Building the app (next build)...");
      await mustRun("npm", ["run", "build"], { env: { ...process.env, NODE_ENV: "production" } });
    }
    const port = await freePort();
    let target: AppTarget;
    let databaseUrl: string;
    if (EMBEDDED) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "meterly-chaos-"));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      target = { mode: "embedded", dataDir, port, pglitePort: await freePort(), stripePort: await freePort(), mailPort: await freePort() };
      databaseUrl = `postgresql://postgres:postgres@127.0.0.1:${target.pglitePort}/postgres`;
    } else {
      const db = await createScratchDatabase("chaos");
      cleanups.push(() => db.drop());
      await applyMigrations({ connectionString: db.url });
      target = { mode: "postgres", databaseUrl: db.url, port };
      databaseUrl = db.url;
    }
    process.env.DATABASE_URL = databaseUrl;
    const label = EMBEDDED ? "npm start on embedded PGlite" : "next start on PostgreSQL";
    console.log(`Starting the app (${label}, 127.0.0.1:${port}; its log: ${logFile})...`);
    let up = true;
    let kills = 0;
    let crashes = 0;
    const restartMs: number[] = [];
    const launch = async () => {
      const t0 = Date.now();
      app = startApp(target, log);
      // An app that dies on its own (not killed here) is a finding: counted, and started again.
      const current = app;
      void current.exited.then(() => {
        if (app !== current || !up || stopping) return;
        crashes++;
        log(`[chaos] the app exited on its own (${current.child.exitCode ?? current.child.signalCode}); starting it again`);
        up = false;
        void launch();
      });
      await waitUntilHealthy(port, current);
      restartMs.push(Date.now() - t0);
      up = true;
    };
    await launch();
    restartMs.length = 0;
    const seed = await seedChaos(CUSTOMERS);
    // --seconds bounds the run itself, not the build or the first start.
    started = Date.now();
    deadline = started + SECONDS * 1000;
    console.log(`Seeded ${CUSTOMERS} customers; sending ${EVENTS} events from ${CONCURRENCY} clients, killing the app ${KILLS} times...`);

    const restart = async () => {
      while (!up) await sleep(50);
      up = false;
      await killGroup(app!);
      kills++;
      const made = client.generated;
      const acked = client.acknowledgedIds().size;
      await launch();
      console.log(`  kill ${kills}: ${made} events made, ${acked} acknowledged; back in ${restartMs.at(-1)} ms`);
    };
    const client = new ChaosClient({ url: () => `http://127.0.0.1:${port}/api/v1/events`, key: seed.key, customers: seed.customers, type: CHAOS_EVENT_TYPE, total: EVENTS, seed: SEED, isUp: () => up });
    const thresholds = Array.from({ length: KILLS }, () => Math.floor(EVENTS * (0.05 + 0.85 * random()))).sort((a, b) => a - b);
    const killer = (async () => {
      for (const at of thresholds) {
        while (client.generated < at && !client.done && Date.now() < deadline) await sleep(5);
        if (client.done || Date.now() >= deadline) return;
        while (client.inFlight === 0 && !client.done) await sleep(1);
        await sleep(Math.floor(random() * 150));
        await restart();
      }
    })();
    const progress = setInterval(() => {
      const c = client.counts;
      console.log(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${client.generated} events made, ${client.acknowledgedIds().size} acknowledged, ${c.failedRequests} failed requests${c.unexpected.length ? `, ${c.unexpected.length} unexpected answers, e.g. ${c.unexpected[0]}` : ""}`);
    }, 15_000);
    await Promise.all([client.run(CONCURRENCY, deadline), killer]);
    clearInterval(progress);
    const finished = client.done;
    // One more kill once everything is acknowledged: what was acknowledged last must survive it too.
    if (finished) await restart();

    const verdict = await verifyChaos(databaseUrl, { events: client.events, acknowledged: client.acknowledgedIds(), meterId: seed.meterId, eventType: CHAOS_EVENT_TYPE });
    console.log("Running npm run ledger:check on the database...");
    const ledgerCode = await runCommand("npm", ["run", "--silent", "ledger:check"], { env: { ...process.env, DATABASE_URL: databaseUrl } });

    const c = client.counts;
    const unacked = client.events.size - client.acknowledgedIds().size;
    const rows: [string, number | string][] = [
      ["events made", client.events.size],
      ["events sent (with retries)", c.sent],
      ["requests", c.requests],
      ["requests failed (kills)", c.failedRequests],
      ["retried requests (10%)", c.retries],
      ["events re-sent after a failure", c.resent],
      ["acknowledged", client.acknowledgedIds().size],
      ["not acknowledged", unacked],
      ["answered accepted", c.accepted],
      ["answered duplicate", c.duplicatesAnswered],
      ["accepted twice", c.acceptedTwice],
      ["duplicate with other content", c.contentDiffers],
      ["unexpected answers", c.unexpected.length],
      ["kills (SIGKILL to the group)", kills],
      ["crashes (the app died on its own)", crashes],
      ["restart time, median ms", median(restartMs)],
      ["stored", verdict.stored],
      ["lost (acknowledged, not stored)", verdict.lost],
      ["stored but never sent", verdict.notSent],
      ["stored unlike sent", verdict.altered],
      ["mismatches (rollups, charges, ledger)", verdict.mismatches.length],
      ["ledger:check", ledgerCode === 0 ? "passed" : `failed (${ledgerCode})`],
      ["seconds", ((Date.now() - started) / 1000).toFixed(1)],
    ];
    console.log(`\nchaos:ingest (${label}, seed ${SEED})`);
    for (const [name, value] of rows) console.log(`  ${name.padEnd(40)} ${value}`);
    for (const m of verdict.mismatches.slice(0, 20)) console.error(`  mismatch: ${m}`);
    for (const u of c.unexpected.slice(0, 10)) console.error(`  unexpected: ${u}`);
    const failed =
      !finished || unacked > 0 || kills < KILLS || crashes > 0 || verdict.lost > 0 || verdict.notSent > 0 || verdict.altered > 0 || verdict.stored !== client.acknowledgedIds().size ||
      verdict.mismatches.length > 0 || c.acceptedTwice > 0 || c.contentDiffers > 0 || c.unexpected.length > 0 || ledgerCode !== 0;
    if (failed) {
      if (!finished) console.error(`\nFAILED: not every event was acknowledged within ${SECONDS} s`);
      console.error(`\nFAILED. The app's log: ${logFile}; its last lines:\n` + appLog.join("\n"));
      return 1;
    }
    console.log("\nPassed: every acknowledged event stored exactly once; rollups, running charges and the ledger agree with the events.");
    rmSync(path.dirname(logFile), { recursive: true, force: true });
    return 0;
  } finally {
    await cleanup();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : 0);

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    console.error("The app's last log lines:\n" + appLog.join("\n"));
    process.exit(1);
  },
);
