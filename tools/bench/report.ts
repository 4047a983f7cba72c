import os from "node:os";
import type { Ledger, LoadResult } from "./load-protocol";

/** What ingest.ts checks on PostgreSQL (none on the embedded database). */
export type Floors = { batchEventsPerSec: number; batchOfRaw: number; singleOfFramework: number; singleP99Ms: number; peakRssMb: number };
export type ReportOptions = { embedded: boolean; seconds: number; profileDir: string | null; floors: Floors };

/**
 * A phase's figures; the CPU cores busy on average (app process tree, load client, PostgreSQL
 * processes, whole machine: the rest is anything else running, which makes a run noisy; and, of the app's,
 * the server thread, where Next.js handles every request); and, for
 * ingestion, how many requests and events each transaction carried on average and how busy the writers were.
 */
export type PhaseResult = LoadResult & { cpu: { app: number; server: number; client: number; db: number; machine: number }; perGroup: { requests: number; events: number; failedGroups: number; writers: number; busy: number } | null };

export type RunFigures = { framework: PhaseResult | null; echo: PhaseResult | null; single: PhaseResult | null; batch: PhaseResult | null; rawDb: number | null };

export const perSec = (r: LoadResult) => r.events / (r.elapsedMs / 1000);
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => n.toFixed(1);

type Ratio = (f: RunFigures) => number | null;

/** A ratio of two figures of one run (null if either phase did not run in it). */
const ratioOf = (num: (f: RunFigures) => number | null, den: (f: RunFigures) => number | null): Ratio => (f) => {
  const [a, b] = [num(f), den(f)];
  return a === null || b === null ? null : a / b;
};
const rate = (pick: (f: RunFigures) => PhaseResult | null) => (f: RunFigures) => {
  const r = pick(f);
  return r ? perSec(r) : null;
};
/** (a) over the raw DB ceiling, (b) over the framework ceiling, the echo route over it, (b) over the echo route. */
const batchOfRaw = ratioOf(rate((f) => f.batch), (f) => f.rawDb);
const singleOfFramework = ratioOf(rate((f) => f.single), rate((f) => f.framework));
const echoOfFramework = ratioOf(rate((f) => f.echo), rate((f) => f.framework));
const singleOfEcho = ratioOf(rate((f) => f.single), rate((f) => f.echo));

export function printRun(r: number, f: RunFigures) {
  const parts: string[] = [];
  if (f.framework) parts.push(`framework ${fmt(perSec(f.framework))} req/s p50 ${ms(f.framework.p50Ms)} p99 ${ms(f.framework.p99Ms)} ms${grouping(f.framework)}`);
  if (f.echo) parts.push(`echo ${fmt(perSec(f.echo))} req/s p50 ${ms(f.echo.p50Ms)} p99 ${ms(f.echo.p99Ms)} ms${grouping(f.echo)}`);
  if (f.single) parts.push(`(b) ${fmt(perSec(f.single))} ev/s p50 ${ms(f.single.p50Ms)} p99 ${ms(f.single.p99Ms)} ms${grouping(f.single)}`);
  if (f.batch) parts.push(`(a) ${fmt(perSec(f.batch))} ev/s p50 ${ms(f.batch.p50Ms)} p99 ${ms(f.batch.p99Ms)} ms${grouping(f.batch)}`);
  if (f.rawDb !== null) parts.push(`raw DB ${fmt(f.rawDb)} rows/s`);
  const ratios = (
    [
      ["(a)/raw", batchOfRaw(f)],
      ["(b)/framework", singleOfFramework(f)],
      ["(b)/echo", singleOfEcho(f)],
    ] as const
  ).flatMap(([name, x]) => (x === null ? [] : [`${name} ${pct(x)}`]));
  console.log(`run ${r}: ${parts.join(" | ")}${ratios.length ? ` | ${ratios.join(", ")}` : ""}`);
}

function grouping(r: PhaseResult): string {
  const g = r.perGroup;
  const rate = perSec(r);
  const cores = `cores: app ${r.cpu.app.toFixed(2)} (server thread ${r.cpu.server.toFixed(2)}), client ${r.cpu.client.toFixed(2)}, db ${r.cpu.db.toFixed(2)}, machine ${r.cpu.machine.toFixed(2)}; app ${fmt((r.cpu.app / rate) * 1e6)} µs, db ${fmt((r.cpu.db / rate) * 1e6)} µs CPU per ${g ? "event" : "request"}, server thread ${fmt((r.cpu.server / (r.requests / (r.elapsedMs / 1000))) * 1e6)} µs per request`;
  return g ? ` (${g.requests.toFixed(1)} req, ${fmt(g.events)} ev per transaction, ${g.writers} writer(s) ${pct(g.busy)} busy; ${cores})` : ` (${cores})`;
}

/** Medians over the runs, ratios and (on PostgreSQL) the floors; returns the floors missed. */
export function printSummary(runs: RunFigures[], peakRssMb: number, ledger: Ledger, opts: ReportOptions): string[] {
  const m = (pick: (f: RunFigures) => PhaseResult | null, value: (r: PhaseResult) => number) => {
    const xs = runs.map(pick).filter((r): r is PhaseResult => r !== null);
    return xs.length ? median(xs.map(value)) : NaN;
  };
  const framework = m((f) => f.framework, perSec);
  const single = m((f) => f.single, perSec);
  const batchRate = m((f) => f.batch, perSec);
  const raw = median(runs.flatMap((f) => (f.rawDb === null ? [] : [f.rawDb])));
  const singleP99 = m((f) => f.single, (r) => r.p99Ms);
  // Each ratio compares two phases of one run (seconds apart, under the same load on the machine); the
  // summary gives the median of the runs' ratios, not a ratio of medians taken from different runs.
  const ratio = (of: Ratio) => {
    const xs = runs.map(of).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : NaN;
  };
  const batchRatio = ratio(batchOfRaw);
  const singleRatio = ratio(singleOfFramework);
  const echoRate = m((f) => f.echo, perSec);
  const latency = (pick: (f: RunFigures) => PhaseResult | null) => `p50 ${ms(m(pick, (r) => r.p50Ms))} ms, p99 ${ms(m(pick, (r) => r.p99Ms))} ms`;
  const rows: [string, string, string][] = [
    ["(a) batches of 500, 8 clients", `${fmt(batchRate)} events/s`, `${latency((f) => f.batch)}; ${pct(batchRatio)} of the raw DB ceiling (median of the runs' ratios)`],
    ["(b) 1 event per request, 16 clients", `${fmt(single)} events/s`, `${latency((f) => f.single)}; ${pct(singleRatio)} of the framework ceiling (median of the runs' ratios)`],
    ["framework ceiling (no-op route, load of b)", `${fmt(framework)} requests/s`, latency((f) => f.framework)],
    ["echo route (reads the body, answers JSON)", `${fmt(echoRate)} requests/s`, `${latency((f) => f.echo)}; ${pct(ratio(echoOfFramework))} of the framework ceiling; (b) ${pct(ratio(singleOfEcho))} of it (median of the runs' ratios; no floor)`],
    ["raw DB ceiling (4 conns, 1,000-row unnest)", `${fmt(raw)} rows/s`, ""],
    ["app peak RSS (next-server tree)", `${peakRssMb.toFixed(0)} MB`, ""],
  ];
  console.log(`\n${opts.embedded ? "Embedded PGlite" : "PostgreSQL"}: medians of ${runs.length} runs of ${opts.seconds} s per phase, 10% duplicates, ${os.cpus().length} CPUs (${ledger.acknowledged} events acknowledged in all)`);
  for (const [name, value, note] of rows) console.log(`  ${name.padEnd(44)} ${value.padStart(18)}  ${note}`);
  if (opts.profileDir) console.log(`  CPU profiles of the app: ${opts.profileDir}`);
  const missed: string[] = [];
  if (!opts.embedded) {
    const checks: [string, boolean][] = [
      [`(a) >= ${fmt(opts.floors.batchEventsPerSec)} events/s`, batchRate >= opts.floors.batchEventsPerSec],
      [`(a) >= ${pct(opts.floors.batchOfRaw)} of raw DB`, batchRatio >= opts.floors.batchOfRaw],
      [`(b) >= ${pct(opts.floors.singleOfFramework)} of framework`, singleRatio >= opts.floors.singleOfFramework],
      [`(b) p99 < ${opts.floors.singleP99Ms} ms`, singleP99 < opts.floors.singleP99Ms],
      [`peak RSS < ${opts.floors.peakRssMb} MB`, peakRssMb < opts.floors.peakRssMb],
    ];
    for (const [name, ok] of checks) if (!ok) missed.push(name);
    console.log(`  floors: ${checks.map(([name, ok]) => `${name} ${ok ? "ok" : "MISSED"}`).join("; ")}`);
  }
  return missed;
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
