import type { ForecastDto } from "./forecast-dto";

type Limit = { id: string; scope: string; limit: string; thresholds: number[] };

/**
 * The thresholds a forecast says will be exceeded by the period's end and are not reached yet: per spend
 * limit, the projected usage (the middle projection of every priced meter) against each threshold; per meter
 * limit, that meter's projected units. Exact arithmetic in minor units and decimal strings.
 */
export function forecastCrossings(
  forecast: ForecastDto,
  limits: readonly Limit[],
): { limitId: string; threshold: number; projected: string; value: string; limit: string }[] {
  if (!forecast.projected) return [];
  const out: { limitId: string; threshold: number; projected: string; value: string; limit: string }[] = [];
  for (const l of limits) {
    let projected: number | bigint;
    let value: number | bigint;
    if (l.scope === "spend") {
      projected = forecast.meters.reduce(
        (s, m) => s + BigInt((m.projected?.amount.mid ?? m.soFar.amount).amountMinor),
        0n,
      );
      value = forecast.meters.reduce((s, m) => s + BigInt(m.soFar.amount.amountMinor), 0n);
    } else {
      const m = forecast.meters.find((x) => x.meter.id === l.scope);
      if (!m?.projected) continue;
      // Units compare as scaled integers (12 decimals at most), never as floats.
      projected = scaled(m.projected.units.mid);
      value = scaled(m.soFar.units);
    }
    const cap = l.scope === "spend" ? BigInt(l.limit) : scaled(l.limit);
    for (const t of l.thresholds) {
      const line = cap * BigInt(t);
      if (BigInt(projected) * 100n >= line && BigInt(value) * 100n < line)
        out.push({
          limitId: l.id,
          threshold: t,
          projected: unscale(l.scope, projected),
          value: unscale(l.scope, value),
          limit: l.limit,
        });
    }
  }
  return out;
}

const SCALE = 12;
function scaled(decimal: string): bigint {
  const [int, frac = ""] = decimal.split(".");
  return BigInt(int + frac.padEnd(SCALE, "0").slice(0, SCALE));
}
function unscale(scope: string, v: bigint | number): string {
  if (scope === "spend") return String(v);
  const s = BigInt(v)
    .toString()
    .padStart(SCALE + 1, "0");
  return `${s.slice(0, -SCALE)}.${s.slice(-SCALE)}`.replace(/\.?0+$/, "");
}
