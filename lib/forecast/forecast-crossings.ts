import type Decimal from "decimal.js";
import { MoneyDecimal } from "@/lib/money/decimal";
import type { ForecastDto } from "./forecast-dto";

type Limit = { id: string; scope: string; limit: string; thresholds: number[] };

/**
 * The thresholds a forecast says will be exceeded by the period's end and are not reached yet: per spend
 * limit, the projected usage (the middle projection of every priced meter) against each threshold; per meter
 * limit, that meter's projected units. Exact decimal arithmetic (minor units for spend, units for a meter).
 */
export function forecastCrossings(
  forecast: ForecastDto,
  limits: readonly Limit[],
): { limitId: string; threshold: number; projected: string; value: string; limit: string }[] {
  if (!forecast.projected) return [];
  const out: { limitId: string; threshold: number; projected: string; value: string; limit: string }[] = [];
  for (const l of limits) {
    const standing = standingOf(forecast, l.scope);
    if (!standing) continue;
    const { projected, value } = standing;
    for (const t of l.thresholds) {
      const line = new MoneyDecimal(l.limit).times(t);
      if (projected.times(100).gte(line) && value.times(100).lt(line))
        out.push({
          limitId: l.id,
          threshold: t,
          projected: projected.toFixed(),
          value: value.toFixed(),
          limit: l.limit,
        });
    }
  }
  return out;
}

/** Where a scope stands: spend in minor units (every meter's projected amount, or its amount so far), or a meter's units. */
function standingOf(forecast: ForecastDto, scope: string): { projected: Decimal; value: Decimal } | null {
  if (scope === "spend") {
    const sum = (pick: (m: ForecastDto["meters"][number]) => number) =>
      forecast.meters.reduce((s, m) => s.plus(pick(m)), new MoneyDecimal(0));
    return {
      projected: sum((m) => (m.projected?.amount.mid ?? m.soFar.amount).amountMinor),
      value: sum((m) => m.soFar.amount.amountMinor),
    };
  }
  const m = forecast.meters.find((x) => x.meter.id === scope);
  return m?.projected
    ? { projected: new MoneyDecimal(m.projected.units.mid), value: new MoneyDecimal(m.soFar.units) }
    : null;
}
