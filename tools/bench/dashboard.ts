/**
 * `npm run bench:dashboard [-- --customers N --days D --runs N --seconds S --build --no-floors --only ROUTE --profile]`: the read side
 * at scale. On a fresh PostgreSQL database on 127.0.0.1:5432 (dropped after) it loads a year of hourly
 * rollups for 1,000 customers x 3 dimension values (about 26 million rows, written directly with set-based
 * SQL: dashboard-seed.ts), the current period's running charges and a year of finalized invoices, and
 * prints how long that took; then VACUUM (ANALYZE). Then it starts the built app (`next start`, with
 * METERLY_JOBS=off; it builds first when .next/BUILD_ID is missing, or with --build), signs every
 * customer's member and an admin in through the app's own next-auth credentials endpoint, and, from a
 * separate load-generator process (8 concurrent clients, keep-alive loopback connections, each request with
 * the session cookie of the next customer's member), after a warm-up, times for S seconds per run each of:
 *   dashboard        GET /api/portal/dashboard
 *   usage month/day  GET /api/portal/usage?meter=…&from=<last month's 1st>&to=<this month's 1st>&granularity=day, and
 *                    the same with &groupBy=model
 *   usage day/hour   the same for today by hour, with and without groupBy
 *   analytics        GET /api/admin/analytics?currency=USD (the admin's session)
 * It prints p50, p99 and requests/s of each per run, their medians, and the floors: median p99 under
 * 200 ms for the portal routes, under 1 s for the analytics (exit 2 when missed, unless --no-floors). Last,
 * the EXPLAIN (ANALYZE, BUFFERS) of the main queries the routes run (dashboard-explain.ts). --only dashboard|usage|
 * analytics (repeatable) times just those routes; --profile makes the app write V8 CPU profiles. See BENCHMARKS.md.
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
import { explainQueries } from "./dashboard-explain";
import { ADMIN, GROUP_BY, MEMBER_PASSWORD, METER, seedDashboard } from "./dashboard-seed";
import type { LoadRequest, LoadResult } from "./load-protocol";
import { machineCpuSeconds, namedCpuSeconds, treeCpuSeconds } from "./proc-stats";
import { fmt, median } from "./report";
import { benchArgs } from "./bench-args";

/** --only dashboard|usage|analytics (repeatable): time just those routes; --profile: V8 CPU profiles of the app. */
const {
  flag,
  option,
  only: ONLY,
  profileDir: PROFILE_DIR,
} = benchArgs(
  "Usage: npm run bench:dashboard [-- --customers N --days D --runs N --seconds S --build --no-floors --only dashboard|usage|analytics --profile]",
  "dashboard.ts",
);
const CUSTOMERS = option("customers", 1000);
const DAYS = option("days", 365);
const RUNS = option("runs", 3);
const SECONDS = option("seconds", 5);
const CONCURRENCY = 8;
const WARMUP_MS = 3000;
const PORTAL_FLOOR_MS = 200;
const ANALYTICS_FLOOR_MS = 1000;

type Route = { name: string; paths: string[]; cookies: string[]; floorMs: number };
type Phase = LoadResult & { cpu: { app: number; db: number; machine: number } };

async function main() {
  if (!(RUNS >= 1 && SECONDS > 0 && CUSTOMERS >= 1 && DAYS >= 28))
    throw new Error("--runs, --seconds and --customers take positive numbers, --days at least 28");
  await buildIfNeeded(flag("build"));
  const db = await openBenchDatabase(false, "bench_dashboard");
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
    const now = new Date();
    console.log(`Loading ${CUSTOMERS} customers x 3 models x ${DAYS} days of hourly rollups, invoices...`);
    const seed = await seedDashboard(db.url, {
      customers: CUSTOMERS,
      days: DAYS,
      now,
      log: (s) => console.log(s),
    });
    const s = seed.seconds;
    console.log(
      `Loaded ${fmt(seed.rollupRows)} rollup rows and ${fmt(seed.invoices)} invoices for ${fmt(CUSTOMERS)} customers in ${s.total.toFixed(0)} s ` +
        `(setup ${s.setup.toFixed(1)} s, rollups ${s.rollups.toFixed(0)} s, their indexes ${s.indexes.toFixed(0)} s, period charges and credits ${s.periods.toFixed(1)} s, invoices ${s.invoices.toFixed(1)} s)`,
    );
    const tv = performance.now();
    await settleDatabase(db.url);
    console.log(
      `VACUUM (ANALYZE): ${((performance.now() - tv) / 1000).toFixed(0)} s; database ${await databaseSize(db.url)}`,
    );

    process.env.METERLY_JOBS = "off";
    const port = await freePort();
    const server = startApp(db.url, port, PROFILE_DIR);
    children.push(server);
    cleanups.push(() => stopProcess(server));
    await waitUntilServing(port, server, "bench:dashboard");
    const origin = benchUrl(port, "");

    const ts = performance.now();
    const cookies = await mapLimit(seed.customers, 8, (c) => signIn(origin, c.email, MEMBER_PASSWORD));
    const adminCookie = await signIn(origin, ADMIN.email, ADMIN.password);
    console.log(
      `Signed in ${cookies.length} members and an admin through /api/auth/callback/credentials in ${((performance.now() - ts) / 1000).toFixed(1)} s`,
    );

    const day = 86_400_000;
    const today = new Date(Math.floor(now.getTime() / day) * day);
    // A whole month (the last one): this month may be days old.
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const usagePath = (from: Date, to: Date, granularity: string, grouped: boolean) =>
      `/api/portal/usage?meter=${METER}&from=${from.toISOString()}&to=${to.toISOString()}&granularity=${granularity}${grouped ? `&groupBy=${GROUP_BY}` : ""}`;
    const perCustomer = (name: string, path: string): Route => ({
      name,
      paths: cookies.map(() => path),
      cookies,
      floorMs: PORTAL_FLOOR_MS,
    });
    const routes: Route[] = [
      perCustomer("dashboard", "/api/portal/dashboard"),
      perCustomer("usage month by day", usagePath(lastMonth, thisMonth, "day", false)),
      perCustomer("usage month by day, groupBy", usagePath(lastMonth, thisMonth, "day", true)),
      perCustomer("usage day by hour", usagePath(today, new Date(today.getTime() + day), "hour", false)),
      perCustomer(
        "usage day by hour, groupBy",
        usagePath(today, new Date(today.getTime() + day), "hour", true),
      ),
      {
        name: "analytics",
        paths: ["/api/admin/analytics?currency=USD"],
        cookies: [adminCookie],
        floorMs: ANALYTICS_FLOOR_MS,
      },
    ];
    await checkAnswers(origin, routes);
    if (ONLY.size > 0)
      routes.splice(0, routes.length, ...routes.filter((r) => ONLY.has(r.name.split(" ")[0])));

    const client = await startLoadClient();
    children.push(client);
    cleanups.push(() => stopProcess(client));
    const phase = measure(client, server.pid!);
    const load = (r: Route, ms: number, tag: string): LoadRequest => ({
      url: origin,
      key: "",
      paths: r.paths,
      cookies: r.cookies,
      ceilingStatus: 200,
      durationMs: ms,
      concurrency: CONCURRENCY,
      batchSize: 1,
      maxEvents: 50_000_000,
      duplicateRate: 0,
      customers: [],
      eventType: "none",
      idPrefix: tag,
      seed: 1,
    });
    console.log(`Warming up (app on 127.0.0.1:${port}, ${CONCURRENCY} clients)...`);
    for (const r of routes) await phase(load(r, WARMUP_MS, "warm"));

    const results = new Map<string, Phase[]>(routes.map((r) => [r.name, []]));
    for (let run = 1; run <= RUNS; run++) {
      for (const r of routes) {
        const p = await phase(load(r, SECONDS * 1000, `run-${run}`));
        results.get(r.name)!.push(p);
        console.log(
          `run ${run}: ${r.name.padEnd(30)} ${fmt(p.requests / (p.elapsedMs / 1000)).padStart(6)} req/s  p50 ${p.p50Ms.toFixed(1).padStart(7)} ms  p99 ${p.p99Ms.toFixed(1).padStart(7)} ms  (cores: app ${p.cpu.app.toFixed(2)}, db ${p.cpu.db.toFixed(2)}, machine ${p.cpu.machine.toFixed(2)})`,
        );
      }
    }

    console.log(
      `\nPostgreSQL, ${fmt(seed.rollupRows)} rollup rows, ${fmt(seed.invoices)} invoices, ${CUSTOMERS} customers: medians of ${RUNS} runs of ${SECONDS} s per route, ${CONCURRENCY} clients`,
    );
    const missed: string[] = [];
    for (const r of routes) {
      const ps = results.get(r.name)!;
      const p99 = median(ps.map((p) => p.p99Ms));
      const ok = p99 < r.floorMs;
      if (!ok) missed.push(r.name);
      console.log(
        `  ${r.name.padEnd(30)} ${fmt(median(ps.map((p) => p.requests / (p.elapsedMs / 1000)))).padStart(6)} req/s  p50 ${median(
          ps.map((p) => p.p50Ms),
        )
          .toFixed(1)
          .padStart(
            7,
          )} ms  p99 ${p99.toFixed(1).padStart(7)} ms (range ${Math.min(...ps.map((p) => p.p99Ms)).toFixed(0)}-${Math.max(...ps.map((p) => p.p99Ms)).toFixed(0)})  floor p99 < ${r.floorMs} ms ${ok ? "ok" : "MISSED"}`,
      );
    }

    const middle = seed.customers[Math.floor(seed.customers.length / 2)];
    console.log(`\nQuery plans (customer ${middle.externalId}):`);
    for (const e of await explainQueries(db.url, {
      customerId: middle.id,
      meterId: seed.meterId,
      period: seed.period,
      now: new Date(),
    }))
      console.log(`\n-- ${e.name}\n${e.plan}`);
    if (PROFILE_DIR) console.log(`\nCPU profiles of the app (written when it stops): ${PROFILE_DIR}`);
    if (missed.length > 0) {
      console.log(`\nFloors missed: ${missed.join(", ")}`);
      if (!flag("no-floors")) process.exitCode = 2;
    } else console.log("\nAll floors met.");
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

/** Signs in through next-auth's credentials endpoint, as the sign-in page does; returns the session cookie. */
async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: origin, json: "true" }),
  });
  await res.arrayBuffer();
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Signing in ${email} failed: ${res.status}`);
  return session;
}

/** Each route answers 200 for its first customer, and the dashboard has a forecast (the customer has a plan). */
async function checkAnswers(origin: string, routes: Route[]): Promise<void> {
  for (const r of routes) {
    const res = await fetch(`${origin}${r.paths[0]}`, { headers: { cookie: r.cookies[0] } });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200)
      throw new Error(`${r.paths[0]}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (r.name === "dashboard" && !body.forecast)
      throw new Error(`The dashboard has no forecast: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function databaseSize(url: string): Promise<string> {
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ db: string; rollups: string }>(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS db, pg_size_pretty(pg_total_relation_size('usage_rollups')) AS rollups`,
    );
    return `${rows[0].db} (usage_rollups with its indexes ${rows[0].rollups})`;
  } finally {
    await c.end();
  }
}

/** A phase sent to the load generator, with the CPU the app, the database and the machine used meanwhile. */
function measure(client: ChildProcess, appPid: number) {
  return async (req: LoadRequest): Promise<Phase> => {
    const cpu0 = {
      app: treeCpuSeconds(appPid),
      db: namedCpuSeconds("postgres"),
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
        db: (namedCpuSeconds("postgres") - cpu0.db) / s,
        machine: (machineCpuSeconds() - cpu0.machine) / s,
      },
    };
  };
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
