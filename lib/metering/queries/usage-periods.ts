import type { Granularity } from "./usage-query-params";

/** The start of the UTC hour, day or month holding `d`. */
export function periodStart(d: Date, g: Granularity): Date {
  if (g === "hour") return new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
  if (g === "day") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function nextPeriod(start: Date, g: Granularity): Date {
  if (g === "hour") return new Date(start.getTime() + 3_600_000);
  if (g === "day") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1));
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** The periods covering [from, to): `period` is the calendar start, `start`/`end` the part inside the range. */
export function periodsBetween(from: Date, to: Date, g: Granularity): { period: Date; start: Date; end: Date }[] {
  const out: { period: Date; start: Date; end: Date }[] = [];
  for (let p = periodStart(from, g); p < to; p = nextPeriod(p, g)) {
    const next = nextPeriod(p, g);
    out.push({ period: p, start: p < from ? from : p, end: next > to ? to : next });
  }
  return out;
}
