/** Counts requests per route class and family (and their statuses), printed as a table at the end of a run. */
export class FuzzTally {
  private counts = new Map<string, Map<string, { n: number; statuses: Map<number | string, number> }>>();

  add(routeClass: string, family: string, status: number | string): void {
    const byFamily = this.counts.get(routeClass) ?? new Map();
    this.counts.set(routeClass, byFamily);
    const cell = byFamily.get(family) ?? { n: 0, statuses: new Map() };
    byFamily.set(family, cell);
    cell.n++;
    cell.statuses.set(status, (cell.statuses.get(status) ?? 0) + 1);
  }

  total(): number {
    let n = 0;
    for (const f of this.counts.values()) for (const c of f.values()) n += c.n;
    return n;
  }

  /** One line per route class and family: the count and the statuses seen ("422×40 400×3"). */
  table(title: string): string {
    const lines = [`${title}: ${this.total()} requests`, `${"route class".padEnd(26)} ${"family".padEnd(28)} ${"count".padStart(6)}  statuses`];
    for (const [routeClass, byFamily] of [...this.counts].sort()) {
      for (const [family, c] of [...byFamily].sort()) {
        const statuses = [...c.statuses].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s}×${n}`).join(" ");
        lines.push(`${routeClass.padEnd(26)} ${family.padEnd(28)} ${String(c.n).padStart(6)}  ${statuses}`);
      }
    }
    return lines.join("\n");
  }
}

/** The number of runs of each property: FUZZ_RUNS (default `fallback`), and the seed: FUZZ_SEED (default 17). */
export function fuzzSettings(fallback: number): { numRuns: number; seed: number } {
  const numRuns = Number(process.env.FUZZ_RUNS ?? fallback);
  const seed = Number(process.env.FUZZ_SEED ?? 17);
  if (!Number.isInteger(numRuns) || numRuns < 1) throw new Error(`FUZZ_RUNS must be a positive whole number, not ${process.env.FUZZ_RUNS}`);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be a whole number, not ${process.env.FUZZ_SEED}`);
  return { numRuns, seed };
}
