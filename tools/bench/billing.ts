/**
 * `npm run bench:billing [-- --concurrency 4 | 1,4,8] [--runs 3] [--customers 10000] [--daily] [--no-floors]`:
 * the billing close (lib/billing/run-billing-close.ts) over 10,000 customers, each with one monthly period
 * that has ended, on a fresh PostgreSQL database on 127.0.0.1:5432 or TEST_DATABASE_URL (dropped after,
 * also on failure). See BENCHMARKS.md.
 *
 * Seeded directly with bulk SQL (no app code): 2 meters, one plan with one published version (a base fee,
 * a graduated token price, a per-unit call price), the customers, one subscription each anchored ~40 days
 * ago, a month of hourly usage_rollups per meter and customer (--daily: daily buckets, ~24 times fewer
 * rows; the close never reads rollups), the period_meter_charges those rollups add up to (priced with
 * lib/rating/price-quantity), credits that paid part of the usage for every 10th customer and a billing
 * profile (net 30) for every other one.
 *
 * Each run is one runBillingClose as of now with graceHours 0 (every period drafted, then every draft
 * finalized) in a fresh Node process (tools/bench/billing-child.ts), timed as a whole and per phase, with
 * that process's peak RSS (sampled every 100 ms; the PostgreSQL backends are other processes, not counted),
 * the statements it sent per invoice, the CPU per invoice of the app and of the postgres processes, and
 * the share of this database's backends waiting on a lock (pg_stat_activity, every 100 ms). Then the
 * result is checked: one invoice per customer, all finalized, numbered 1..N without gaps, each invoice's
 * lines adding up to its totals, the totals those of the seeded charges. Between runs the invoices are
 * truncated and the subscriptions' billed_through cleared. --concurrency takes a list (each value gets
 * --runs runs); the summary gives the median and range of each. Exit 1 when a check fails, 2 when a floor
 * (all 10,000 in under 60 s, projected from the rate when --customers is smaller; peak RSS under 600 MB)
 * is missed by a median (--no-floors: report only).
 * --profile: each run's process writes a V8 CPU profile (open in Chrome DevTools) to a temporary folder.
 */
import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { PriceModel } from "@/lib/rating/price-model";
import type { ChildRequest, ChildResult, Mark, StatementCounts } from "./billing-child";

const { values: opts } = parseArgs({
  options: {
    concurrency: { type: "string", default: "4" },
    runs: { type: "string", default: "3" },
    customers: { type: "string", default: "10000" },
    daily: { type: "boolean", default: false },
    "no-floors": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
  strict: true,
});
if (opts.help) {
  console.log(
    "Usage: npm run bench:billing [-- --concurrency 4|1,4,8 --runs 3 --customers 10000 --daily --no-floors --profile]",
  );
  process.exit(0);
}
const CONCURRENCIES = opts.concurrency.split(",").map(Number);
const RUNS = Number(opts.runs);
const CUSTOMERS = Number(opts.customers);
if (CONCURRENCIES.some((c) => !Number.isInteger(c) || c < 1 || c > 10) || !(RUNS >= 1) || !(CUSTOMERS >= 1)) {
  console.error(
    "--concurrency takes integers from 1 to 10 (the app's pool has 10 connections), --runs and --customers positive integers",
  );
  process.exit(2);
}
const FLOORS = { seconds: 60, rssMb: 600 };
const FLOOR_CUSTOMERS = 10_000;
const PROFILE_DIR = opts.profile ? mkdtempSync(path.join(os.tmpdir(), "meterly-bench-billing-prof-")) : null;

const BASE_FEE_MINOR = 2900n;
const METERS = [
  {
    key: "bench_tokens",
    name: "Tokens",
    aggregation: "SUM",
    unit: "tokens",
    valueProperty: "tokens",
    model: {
      kind: "graduated",
      includedUnits: "100000",
      tiers: [
        { upTo: "1000000", unitPrice: "0.00002" },
        { upTo: "5000000", unitPrice: "0.000015", flatFee: "5" },
        { upTo: null, unitPrice: "0.00001", flatFee: "20" },
      ],
    },
  },
  {
    key: "bench_calls",
    name: "API calls",
    aggregation: "COUNT",
    unit: "calls",
    valueProperty: null,
    model: { kind: "per_unit", unitPrice: "0.0004", includedUnits: "1000" },
  },
] as const satisfies readonly {
  key: string;
  name: string;
  aggregation: "SUM" | "COUNT";
  unit: string;
  valueProperty: string | null;
  model: PriceModel;
}[];

type Expected = { totalMinor: bigint; creditsMinor: bigint };

type RunFigures = {
  concurrency: number;
  run: number;
  seconds: number;
  draftSeconds: number | null;
  finalizeSeconds: number | null;
  perSec: number;
  peakRssMb: number;
  idleRssMb: number;
  draftStatements: StatementCounts | null;
  finalizeStatements: StatementCounts | null;
  cpu: {
    draft: { app: number; db: number } | null;
    finalize: { app: number; db: number } | null;
    all: { app: number; db: number };
  };
  lockWaits: { draft: string; finalize: string };
  problems: string[];
};

async function main(): Promise<void> {
  const { createTestDatabase } = await import("@/tests/support/test-database");
  const db = await createTestDatabase("bench_billing");
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await db.drop().catch((e: Error) => console.error("dropping the scratch database:", e.message));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      child?.kill("SIGKILL");
      void drop().then(() => process.exit(130));
    });
  }
  try {
    if (db.kind !== "server")
      throw new Error("No PostgreSQL answers on 127.0.0.1:5432 (or TEST_DATABASE_URL)");
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query("SET TimeZone = 'UTC'");
      const expected = await seed(client, db.url);
      const figures: RunFigures[] = [];
      for (const concurrency of CONCURRENCIES) {
        for (let run = 1; run <= RUNS; run++) {
          if (figures.length > 0) await reset(client);
          const f = await measure(db.url, client, concurrency, run, expected);
          figures.push(f);
          printRun(f);
        }
      }
      const failed = figures.some((f) => f.problems.length > 0);
      const missed = printSummary(figures);
      if (failed) {
        console.error("\nFAILED: a run's invoices are not what the seeded charges call for (see above).");
        process.exitCode = 1;
      } else if (missed && !opts["no-floors"]) process.exitCode = 2;
      if (PROFILE_DIR) console.log(`\nCPU profiles of the runs' processes: ${PROFILE_DIR}`);
    } finally {
      await client.end();
    }
  } finally {
    await drop();
  }
}

/** Seeds the scratch database; returns each customer's expected invoice totals. */
async function seed(c: pg.Client, url: string): Promise<Map<string, Expected>> {
  const { priceModelSchema } = await import("@/lib/rating/price-model-schema");
  const { priceQuantity } = await import("@/lib/rating/price-quantity");
  const { toMinorUnits } = await import("@/lib/money/round");
  const { billingPeriodAt } = await import("@/lib/subscriptions/billing-period");
  for (const m of METERS) priceModelSchema.parse(m.model);
  const t0 = Date.now();
  const now = new Date();
  const meterIds = new Map<string, string>();
  for (const m of METERS) {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO meters (key, name, event_type, aggregation, value_property, unit)
       VALUES ($1, $2, $1, $3::"Aggregation", $4, $5) RETURNING id::text`,
      [m.key, m.name, m.aggregation, m.valueProperty, m.unit],
    );
    meterIds.set(m.key, rows[0].id);
  }
  const plan = await c.query<{ id: string }>(
    `INSERT INTO plans (name, description) VALUES ('Bench Pro', 'bench:billing') RETURNING id::text`,
  );
  const version = await c.query<{ id: string }>(
    `INSERT INTO plan_versions (plan_id, number, status, currency, interval, base_fee_minor, payment_terms, published_at)
     VALUES ($1::uuid, 1, 'PUBLISHED', 'USD', 'MONTH', $2, 'POSTPAID', now()) RETURNING id::text`,
    [plan.rows[0].id, BASE_FEE_MINOR.toString()],
  );
  const versionId = version.rows[0].id;
  for (const m of METERS) {
    await c.query(
      `INSERT INTO plan_prices (plan_version_id, meter_id, price_model) VALUES ($1::uuid, $2::uuid, $3)`,
      [versionId, meterIds.get(m.key), JSON.stringify(m.model)],
    );
  }

  // Customers and their subscriptions, anchored 40 days ago on the hour, minus 0..47 hours, so that exactly
  // one monthly period (28 to 31 days) has ended by now and the next has not.
  const base = Math.floor((now.getTime() - 40 * 86_400_000) / 3_600_000) * 3_600_000;
  const idx = Array.from({ length: CUSTOMERS }, (_, i) => i + 1);
  const anchors = idx.map((i) => new Date(base - (i % 48) * 3_600_000));
  const { rows: customers } = await c.query<{ id: string; idx: number }>(
    `INSERT INTO customers (external_id, name, currency)
     SELECT 'bench-' || lpad(i::text, 6, '0'), 'Bench Customer ' || i, 'USD' FROM unnest($1::int[]) AS i
     RETURNING id::text, substring(external_id FROM 7)::int AS idx`,
    [idx],
  );
  customers.sort((a, b) => a.idx - b.idx);
  const customerIds = customers.map((r) => r.id);
  const { rows: subs } = await c.query<{ id: string; customer_id: string }>(
    `INSERT INTO subscriptions (customer_id, plan_version_id, status, anchor_at, started_at)
     SELECT c, $2::uuid, 'ACTIVE', a, a FROM unnest($1::uuid[], $3::timestamptz[]) AS t(c, a)
     RETURNING id::text, customer_id::text`,
    [customerIds, versionId, anchors],
  );
  const subOf = new Map(subs.map((s) => [s.customer_id, s.id]));
  const periods = anchors.map((a) => billingPeriodAt(a, "MONTH", a));
  if (
    periods.some((p) => p.end.getTime() > now.getTime() || p.end.getTime() + 28 * 86_400_000 <= now.getTime())
  )
    throw new Error("seed: a subscription does not have exactly one ended period");

  // Usage rollups: every bucket of the period, per meter; every 50th customer has no usage at all. Values
  // are a hash of (customer, bucket), scaled per customer so the monthly token totals spread over the tiers.
  const step = opts.daily ? "1 day" : "1 hour";
  const scale = opts.daily ? 24 : 1;
  const chunk = 250;
  const ranges: [number, number][] = [];
  for (let from = 0; from < CUSTOMERS; from += chunk) ranges.push([from, Math.min(CUSTOMERS, from + chunk)]);
  const tokensId = meterIds.get("bench_tokens")!;
  const callsId = meterIds.get("bench_calls")!;
  const insertRollups = async (conn: pg.Client, [from, to]: [number, number]) =>
    conn.query(
      `INSERT INTO usage_rollups (customer_id, meter_id, bucket, sum, count)
       SELECT t.c, m.id, b, CASE WHEN m.id = $5::uuid THEN v.tokens ELSE v.calls END,
              CASE WHEN m.id = $5::uuid THEN v.events ELSE v.calls END
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS t(c, i, s, e)
       CROSS JOIN LATERAL generate_series(t.s, t.e - $7::interval, $7::interval) AS b
       CROSS JOIN LATERAL (SELECT abs(hashtext(t.i || ':' || extract(epoch FROM b)::bigint)) AS h) hh
       CROSS JOIN LATERAL (SELECT (1 + hh.h % 1000) * (1 + t.i % 20) * $8 AS tokens, (1 + hh.h % 7) * $8 AS events,
                                  (1 + hh.h % 13) * $8 AS calls) v
       CROSS JOIN (VALUES ($5::uuid), ($6::uuid)) AS m(id)
       WHERE t.i % 50 <> 0`,
      [
        customerIds.slice(from, to),
        idx.slice(from, to),
        periods.slice(from, to).map((p) => p.start),
        periods.slice(from, to).map((p) => p.end),
        tokensId,
        callsId,
        step,
        scale,
      ],
    );
  // Two connections (two cores); each chunk is its own transaction.
  const second = new pg.Client({ connectionString: url });
  await second.connect();
  try {
    await second.query("SET TimeZone = 'UTC'");
    let next = 0;
    const worker = async (conn: pg.Client) => {
      while (next < ranges.length) await insertRollups(conn, ranges[next++]);
    };
    await Promise.all([worker(c), worker(second)]);
  } finally {
    await second.end();
  }
  const rollups = await c.query<{ n: string }>("SELECT count(*)::text AS n FROM usage_rollups");
  const t1 = Date.now();

  // The period charges those rollups add up to: SUM meters add `sum`, COUNT meters `count`. Last updated
  // by the period's last usage (updated_at), as at ingest: not during the run.
  const { rows: totals } = await c.query<{ customer_id: string; meter_id: string; quantity: string }>(
    `SELECT customer_id::text, meter_id::text,
            (CASE WHEN meter_id = $1::uuid THEN sum(sum) ELSE sum(count) END)::text AS quantity
     FROM usage_rollups GROUP BY customer_id, meter_id`,
    [tokensId],
  );
  const periodOf = new Map(customerIds.map((id, i) => [id, periods[i]]));
  const modelOf = new Map<string, PriceModel>(METERS.map((m) => [meterIds.get(m.key)!, m.model]));
  const expected = new Map<string, Expected>(
    customerIds.map((id) => [id, { totalMinor: BASE_FEE_MINOR, creditsMinor: 0n }]),
  );
  const charge = {
    c: [] as string[],
    s: [] as string[],
    m: [] as string[],
    ps: [] as Date[],
    pe: [] as Date[],
    q: [] as string[],
    a: [] as string[],
  };
  for (const t of totals) {
    const p = periodOf.get(t.customer_id)!;
    const amount = priceQuantity(modelOf.get(t.meter_id)!, t.quantity).amount;
    charge.c.push(t.customer_id);
    charge.s.push(subOf.get(t.customer_id)!);
    charge.m.push(t.meter_id);
    charge.ps.push(p.start);
    charge.pe.push(p.end);
    charge.q.push(t.quantity);
    charge.a.push(amount.toFixed());
    expected.get(t.customer_id)!.totalMinor += toMinorUnits(amount, "USD");
  }
  await c.query(
    `INSERT INTO period_meter_charges (customer_id, subscription_id, period_start, meter_id, period_end, quantity, amount, latest_at, updated_at)
     SELECT c, s, ps, m, pe, q, a, pe - interval '1 hour', pe - interval '1 hour'
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::numeric[], $7::numeric[])
       AS t(c, s, m, ps, pe, q, a)`,
    [charge.c, charge.s, charge.m, charge.ps, charge.pe, charge.q, charge.a],
  );

  // Every 10th customer: prepaid credits paid up to $5.00 of the period's usage.
  const credited = customerIds.filter((_, i) => (i + 1) % 10 === 0);
  const creditRows = credited.map((id) => {
    const e = expected.get(id)!;
    const rated = e.totalMinor - BASE_FEE_MINOR;
    const paid = rated < 500n ? rated : 500n;
    e.creditsMinor = paid;
    return { id, rated, paid };
  });
  await c.query(
    `INSERT INTO usage_credit_periods (customer_id, subscription_id, period_start, rated_minor, credited_minor, updated_at)
     SELECT c, s, ps, r, p, pe - interval '1 hour'
     FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::timestamptz[]) AS t(c, s, ps, r, p, pe)`,
    [
      creditRows.map((r) => r.id),
      creditRows.map((r) => subOf.get(r.id)!),
      creditRows.map((r) => periodOf.get(r.id)!.start),
      creditRows.map((r) => r.rated.toString()),
      creditRows.map((r) => r.paid.toString()),
      creditRows.map((r) => periodOf.get(r.id)!.end),
    ],
  );
  // Every other customer: a billing profile with net 30 terms.
  await c.query(
    `INSERT INTO customer_billing_profiles (customer_id, legal_name, email, address_line1, city, postal_code, country, net_terms_days)
     SELECT c, 'Bench Customer ' || i || ' Inc.', 'billing+' || i || '@bench.test', i || ' Main Street', 'Springfield', '12345', 'US', 30
     FROM unnest($1::uuid[], $2::int[]) AS t(c, i) WHERE i % 2 = 0`,
    [customerIds, idx],
  );
  await c.query("VACUUM (ANALYZE)");
  console.log(
    `Seeded ${CUSTOMERS.toLocaleString("en-US")} customers, ${Number(rollups.rows[0].n).toLocaleString("en-US")} ${opts.daily ? "daily" : "hourly"} rollups ` +
      `(${((t1 - t0) / 1000).toFixed(1)} s), ${totals.length.toLocaleString("en-US")} period charges, ${creditRows.length} credit periods ` +
      `in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return expected;
}

/** Back to before the close: no invoices, no numbers taken, no subscription billed. */
async function reset(c: pg.Client): Promise<void> {
  await c.query("TRUNCATE invoice_lines, invoices, invoice_number_sequences CASCADE");
  await c.query("UPDATE subscriptions SET billed_through = NULL");
  await c.query("VACUUM (ANALYZE) subscriptions");
}

let child: ReturnType<typeof fork> | null = null;

async function measure(
  url: string,
  c: pg.Client,
  concurrency: number,
  run: number,
  expected: Map<string, Expected>,
): Promise<RunFigures> {
  const at = new Date();
  const req: ChildRequest = { at: at.toISOString(), concurrency };
  const waits = sampleLockWaits(url);
  const proc = fork(path.resolve(import.meta.dirname, "billing-child.ts"), [], {
    execArgv: [
      "--conditions=react-server",
      "--import",
      "tsx",
      ...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ],
    env: { ...process.env, DATABASE_URL: url, BENCH_BILLING_RUN: JSON.stringify(req) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child = proc;
  const result = await new Promise<ChildResult>((resolve, reject) => {
    let got: ChildResult | null = null;
    proc.once("message", (m) => (got = m as ChildResult));
    proc.once("exit", (code) =>
      got ? resolve(got) : reject(new Error(`the billing run's process exited with ${code}`)),
    );
  });
  child = null;
  const samples = await waits.stop();
  const { start, drafted, end } = result;
  const sec = (a: Mark, b: Mark) => (b.at - a.at) / 1000;
  const n = result.summary.finalized;
  const perInvoice = (a: Mark, b: Mark) => ({
    app: ((b.appCpu - a.appCpu) / n) * 1000,
    db: ((b.dbCpu - a.dbCpu) / n) * 1000,
  });
  const diff = (a: Mark, b: Mark) =>
    Object.fromEntries(
      Object.keys(b.statements).map((k) => [k, (b.statements[k] - (a.statements[k] ?? 0)) / n]),
    );
  const share = (from: number, to: number) => {
    const inPhase = samples.filter((s) => s.at >= from && s.at < to);
    const active = inPhase.reduce((x, s) => x + s.active, 0);
    const waiting = inPhase.reduce((x, s) => x + s.lockWaiting, 0);
    return active
      ? `${Math.round((100 * waiting) / active)}% of ${active} active-backend samples`
      : "no samples";
  };
  return {
    concurrency,
    run,
    seconds: sec(start, end),
    draftSeconds: drafted ? sec(start, drafted) : null,
    finalizeSeconds: drafted ? sec(drafted, end) : null,
    perSec: n / sec(start, end),
    peakRssMb: result.peakRssMb,
    idleRssMb: result.idleRssMb,
    draftStatements: drafted ? diff(start, drafted) : null,
    finalizeStatements: drafted ? diff(drafted, end) : null,
    cpu: {
      draft: drafted ? perInvoice(start, drafted) : null,
      finalize: drafted ? perInvoice(drafted, end) : null,
      all: perInvoice(start, end),
    },
    lockWaits: {
      draft: share(start.at, drafted?.at ?? end.at),
      finalize: drafted ? share(drafted.at, end.at) : "-",
    },
    problems: [
      ...(result.summary.drafted !== CUSTOMERS
        ? [`drafted ${result.summary.drafted}, not ${CUSTOMERS}`]
        : []),
      ...(n !== CUSTOMERS ? [`finalized ${n}, not ${CUSTOMERS}`] : []),
      ...(await check(c, at, expected)),
    ],
  };
}

/** pg_stat_activity of the scratch database every 100 ms: active backends, and those waiting on a lock. */
function sampleLockWaits(url: string): {
  stop(): Promise<{ at: number; active: number; lockWaiting: number }[]>;
} {
  const out: { at: number; active: number; lockWaiting: number }[] = [];
  const c = new pg.Client({ connectionString: url });
  let stopped = false;
  const loop = (async () => {
    await c.connect();
    while (!stopped) {
      const { rows } = await c.query<{ active: number; waiting: number }>(
        `SELECT count(*) FILTER (WHERE state = 'active')::int AS active,
                count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock')::int AS waiting
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      out.push({ at: Date.now(), active: rows[0].active, lockWaiting: rows[0].waiting });
      await new Promise((r) => setTimeout(r, 100));
    }
    await c.end();
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return out;
    },
  };
}

/** What the close must have left: problems found, none when all is well. */
async function check(c: pg.Client, at: Date, expected: Map<string, Expected>): Promise<string[]> {
  const problems: string[] = [];
  const { rows: inv } = await c.query<{
    customer_id: string;
    status: string;
    number: string | null;
    total_minor: string;
    credits_minor: string;
    amount_due_minor: string;
    lines_total: string | null;
    lines_all: string | null;
  }>(
    `SELECT i.customer_id::text, i.status::text, i.number, i.total_minor::text, i.credits_minor::text,
            i.amount_due_minor::text, l.lines_total::text, l.lines_all::text
     FROM invoices i LEFT JOIN (
       SELECT customer_id, invoice_id, sum(amount_minor) FILTER (WHERE kind <> 'CREDITS_APPLIED') AS lines_total,
              sum(amount_minor) AS lines_all
       FROM invoice_lines GROUP BY customer_id, invoice_id) l ON l.customer_id = i.customer_id AND l.invoice_id = i.id`,
  );
  if (inv.length !== CUSTOMERS) problems.push(`${inv.length} invoices, not ${CUSTOMERS}`);
  const prefix = `MTR-${at.getUTCFullYear()}-`;
  const numbers = new Set<number>();
  let notFinal = 0;
  let badNumber = 0;
  let badLines = 0;
  let badTotals = 0;
  const seen = new Set<string>();
  for (const r of inv) {
    seen.add(r.customer_id);
    if (r.status !== "OPEN" && r.status !== "PAID") notFinal++;
    if (r.number?.startsWith(prefix) && /^\d+$/.test(r.number.slice(prefix.length)))
      numbers.add(Number(r.number.slice(prefix.length)));
    else badNumber++;
    if (
      BigInt(r.lines_total ?? 0) !== BigInt(r.total_minor) ||
      BigInt(r.lines_all ?? 0) !== BigInt(r.amount_due_minor)
    )
      badLines++;
    const e = expected.get(r.customer_id);
    if (!e || e.totalMinor !== BigInt(r.total_minor) || e.creditsMinor !== BigInt(r.credits_minor))
      badTotals++;
  }
  if (notFinal) problems.push(`${notFinal} invoices not finalized`);
  if (badNumber) problems.push(`${badNumber} invoices without a ${prefix}n number`);
  const gapless = numbers.size === inv.length && [...numbers].every((n) => n >= 1 && n <= inv.length);
  if (!gapless) problems.push(`numbers are not 1..${inv.length} without gaps (${numbers.size} distinct)`);
  if (badLines) problems.push(`${badLines} invoices whose lines do not add up to their totals`);
  if (badTotals) problems.push(`${badTotals} invoices whose totals differ from the seeded charges`);
  if (seen.size !== inv.length)
    problems.push(`${inv.length - seen.size} customers with more than one invoice`);
  return problems;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function statementLine(s: StatementCounts | null): string {
  if (!s) return "-";
  const total = Object.values(s).reduce((a, b) => a + b, 0);
  const parts = Object.entries(s)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmt(v, 1)}`);
  return `${fmt(total, 1)} (${parts.join(", ")})`;
}

function printRun(f: RunFigures): void {
  const phase = (s: number | null) => (s === null ? "-" : `${fmt(s, 1)} s (${fmt(CUSTOMERS / s)}/s)`);
  const cpu = (x: { app: number; db: number } | null) =>
    x ? `app ${fmt(x.app, 2)} ms + postgres ${fmt(x.db, 2)} ms` : "-";
  console.log(
    `\nconcurrency ${f.concurrency}, run ${f.run}: ${fmt(CUSTOMERS)} invoices in ${fmt(f.seconds, 1)} s = ${fmt(f.perSec)} invoices/s; ` +
      `peak RSS ${fmt(f.peakRssMb)} MB (Node process; ${fmt(f.idleRssMb)} MB before the run)`,
  );
  console.log(`  draft phase     ${phase(f.draftSeconds)}; lock waits ${f.lockWaits.draft}`);
  console.log(`  finalize phase  ${phase(f.finalizeSeconds)}; lock waits ${f.lockWaits.finalize}`);
  console.log(`  statements per invoice: draft ${statementLine(f.draftStatements)}`);
  console.log(`                          finalize ${statementLine(f.finalizeStatements)}`);
  console.log(
    `  CPU per invoice: draft ${cpu(f.cpu.draft)}; finalize ${cpu(f.cpu.finalize)} (postgres: all its processes on the machine)`,
  );
  console.log(
    f.problems.length
      ? `  CHECK FAILED: ${f.problems.join("; ")}`
      : `  checked: ${fmt(CUSTOMERS)} invoices, all finalized, numbered 1..${fmt(CUSTOMERS)} without gaps, lines add up to totals, totals match the charges`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Prints medians and ranges per concurrency; returns whether a median missed a floor. */
function printSummary(figures: RunFigures[]): boolean {
  let missed = false;
  console.log(
    `\nSummary (${RUNS} run${RUNS > 1 ? "s" : ""} per concurrency; median, range): floors: all ${fmt(FLOOR_CUSTOMERS)} in < ${FLOORS.seconds} s, peak RSS < ${FLOORS.rssMb} MB`,
  );
  for (const concurrency of CONCURRENCIES) {
    const runs = figures.filter((f) => f.concurrency === concurrency);
    const stat = (pick: (f: RunFigures) => number | null, digits: number) => {
      const xs = runs.map(pick).filter((x): x is number => x !== null);
      if (xs.length === 0) return "-";
      return `${fmt(median(xs), digits)} (${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)})`;
    };
    const seconds = median(runs.map((f) => f.seconds));
    const rss = median(runs.map((f) => f.peakRssMb));
    // The time floor is for 10,000 customers; a smaller run is compared by its rate, projected to 10,000.
    const projected = (seconds * FLOOR_CUSTOMERS) / CUSTOMERS;
    const timeOk = projected < FLOORS.seconds;
    const rssOk = rss < FLOORS.rssMb;
    missed ||= !timeOk || !rssOk;
    const projection =
      CUSTOMERS === FLOOR_CUSTOMERS ? "" : `, ${fmt(FLOOR_CUSTOMERS)} at this rate: ${fmt(projected)} s`;
    console.log(
      `  concurrency ${concurrency}: ${stat((f) => f.perSec, 0)} invoices/s; total ${stat((f) => f.seconds, 1)} s` +
        `${projection} [${timeOk ? "met" : "MISSED"}]; draft ${stat((f) => f.draftSeconds, 1)} s; ` +
        `finalize ${stat((f) => f.finalizeSeconds, 1)} s; peak RSS ${stat((f) => f.peakRssMb, 0)} MB [${rssOk ? "met" : "MISSED"}]`,
    );
  }
  return missed;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  child?.kill("SIGKILL");
  process.exit(1);
});
