import os from "node:os";
import type { LoadResult } from "./load-protocol";
import { fmt, median, pct, perSec } from "./report";

/** One phase of `bench:check`, with the CPU cores busy on average (app tree, PostgreSQL, load client, whole machine). */
export type CheckPhase = LoadResult & { cpu: { app: number; db: number; client: number; machine: number } };
/** One run: the do-nothing route, then the entitlement check, seconds apart under the same load; then both from one client. */
export type CheckRun = { noop: CheckPhase; check: CheckPhase; noop1: CheckPhase; check1: CheckPhase };

const ms = (n: number) => n.toFixed(2);
const ratio = (r: CheckRun) => perSec(r.check) / perSec(r.noop);

function phase(name: string, p: CheckPhase): string {
  const rate = perSec(p);
  const c = p.cpu;
  return `${name} ${fmt(rate)} req/s p50 ${ms(p.p50Ms)} p99 ${ms(p.p99Ms)} ms (cores: app ${c.app.toFixed(2)}, db ${c.db.toFixed(2)}, client ${c.client.toFixed(2)}, machine ${c.machine.toFixed(2)}; app ${fmt((c.app / rate) * 1e6)} µs, db ${fmt((c.db / rate) * 1e6)} µs CPU per request)`;
}

export function printCheckRun(n: number, r: CheckRun): void {
  console.log(
    `run ${n}: ${phase("no-op", r.noop)} | ${phase("check", r.check)} | check/no-op ${pct(ratio(r))}`,
  );
  console.log(
    `  1 client: no-op ${fmt(perSec(r.noop1))} req/s p50 ${ms(r.noop1.p50Ms)} p99 ${ms(r.noop1.p99Ms)} ms | check ${fmt(perSec(r.check1))} req/s p50 ${ms(r.check1.p50Ms)} p99 ${ms(r.check1.p99Ms)} ms`,
  );
}

/**
 * The medians over the runs with their range, the median of the runs' rate ratios, and the floor: the
 * median of the runs' p99 under `floorP99Ms`. Returns whether the floor was met.
 */
export function printCheckSummary(
  runs: CheckRun[],
  opts: { label: string; seconds: number; customers: number; concurrency: number; floorP99Ms: number },
): boolean {
  const spread = (xs: number[], f: (x: number) => string) =>
    `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
  const row = (name: string, pick: (r: CheckRun) => CheckPhase) => {
    const ps = runs.map(pick);
    return `  ${name.padEnd(34)} ${spread(ps.map(perSec), fmt).padStart(24)} req/s   p50 ${spread(
      ps.map((p) => p.p50Ms),
      ms,
    )} ms   p99 ${spread(
      ps.map((p) => p.p99Ms),
      ms,
    )} ms`;
  };
  console.log(
    `\n${opts.label}: medians (min–max) of ${runs.length} runs of ${opts.seconds} s per route, ${opts.concurrency} concurrent clients, ${opts.customers} customers, ${os.cpus().length} CPUs`,
  );
  console.log(row("no-op route (GET /api/bench/noop)", (r) => r.noop));
  console.log(row("entitlement check (half ?meter=)", (r) => r.check));
  console.log(row("no-op route, 1 client", (r) => r.noop1));
  console.log(row("entitlement check, 1 client", (r) => r.check1));
  const added = (pick: (p: CheckPhase) => number) => median(runs.map((r) => pick(r.check) - pick(r.noop)));
  console.log(
    `  check/no-op requests/s: ${spread(runs.map(ratio), pct)} (median of the runs' ratios); added latency over the no-op route: p50 +${ms(added((p) => p.p50Ms))} ms, p99 +${ms(added((p) => p.p99Ms))} ms (medians of the runs' differences)`,
  );
  const p99 = median(runs.map((r) => r.check.p99Ms));
  const ok = p99 < opts.floorP99Ms;
  const noopP99 = median(runs.map((r) => r.noop.p99Ms));
  if (noopP99 >= opts.floorP99Ms)
    console.log(
      `  note: the no-op route's own p99 from ${opts.concurrency} clients is ${ms(noopP99)} ms: the floor is out of reach of any route on this machine at that concurrency`,
    );
  console.log(
    `  floor: entitlement check p99 < ${opts.floorP99Ms} ms (median of the runs' p99): ${ms(p99)} ms ${ok ? "ok" : "MISSED"}; worst run ${ms(Math.max(...runs.map((r) => r.check.p99Ms)))} ms`,
  );
  return ok;
}
