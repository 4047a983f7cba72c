/**
 * The measured process of `npm run bench:billing` (tools/bench/billing.ts forks one per run, so each run
 * starts from a fresh Node process, as `npm run billing:run` does): one runBillingClose over the scratch
 * database in DATABASE_URL, with the options in BENCH_BILLING_RUN (JSON). It counts the SQL statements it
 * sends (pg's Client.query, patched before the app is imported), samples its own RSS every 100 ms, marks
 * the end of the draft phase (when the query for the due drafts is sent: runBillingClose sends it once every
 * draft is written) and sends the figures to its parent over IPC.
 */
import pg from "pg";
import { namedCpuSeconds } from "./proc-stats";

export type ChildRequest = { at: string; concurrency: number };

/** Statements sent so far, by first keyword (BEGIN, SELECT, INSERT, ...). */
export type StatementCounts = Record<string, number>;

export type Mark = {
  /** Date.now() */
  at: number;
  /** CPU seconds of this process (user + system). */
  appCpu: number;
  /** CPU seconds of every postgres process on the machine (other databases' backends included). */
  dbCpu: number;
  statements: StatementCounts;
};

export type ChildResult = {
  start: Mark;
  /** When the draft phase ended: the first SELECT naming finalize_after (the due drafts' query). */
  drafted: Mark | null;
  end: Mark;
  peakRssMb: number;
  /** Peak RSS before the run started: the app's modules loaded, the pool not yet opened. */
  idleRssMb: number;
  summary: {
    customers: number;
    drafted: number;
    alreadyDrafted: number;
    finalized: number;
    dueDrafts: number;
  };
};

const statements: StatementCounts = {};
let running = false;
let drafted: Mark | null = null;

function countStatement(arg: unknown): void {
  const raw = typeof arg === "string" ? arg : (arg as { text?: unknown } | null)?.text;
  const text = typeof raw === "string" ? raw : "";
  const word = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? "OTHER";
  // The draft phase's statements never read finalize_after; the due drafts' query does, and finalizing reads it again.
  if (running && !drafted && word === "SELECT" && text.includes('"finalize_after"')) drafted = mark();
  statements[word] = (statements[word] ?? 0) + 1;
}

const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  countStatement(args[0]);
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;

function mark(): Mark {
  const cpu = process.cpuUsage();
  return {
    at: Date.now(),
    appCpu: (cpu.user + cpu.system) / 1e6,
    dbCpu: namedCpuSeconds("postgres"),
    statements: { ...statements },
  };
}

async function main(): Promise<void> {
  const req = JSON.parse(process.env.BENCH_BILLING_RUN ?? "null") as ChildRequest | null;
  if (!req || !process.env.DATABASE_URL) throw new Error("billing-child: run by tools/bench/billing.ts only");
  const { runBillingClose } = await import("@/lib/billing/run-billing-close");
  const { closeDb } = await import("@/lib/db/client");
  let peak = process.memoryUsage.rss();
  const idleRssMb = peak / 2 ** 20;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  const start = mark();
  running = true;
  const summary = await runBillingClose({
    at: new Date(req.at),
    concurrency: req.concurrency,
    graceHours: 0,
  });
  running = false;
  const end = mark();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  await closeDb();
  const result: ChildResult = { start, drafted, end, peakRssMb: peak / 2 ** 20, idleRssMb, summary };
  await new Promise<void>((resolve, reject) =>
    process.send!(result, (e: Error | null) => (e ? reject(e) : resolve())),
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
