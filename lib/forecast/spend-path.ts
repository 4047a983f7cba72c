import type Decimal from "decimal.js";
import type { CurrencyCode } from "@/lib/money/currencies";
import { MoneyDecimal } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { meterRate, projectRate, type DailyHistory } from "./project-meter-units";

const DAY = 86_400_000;

/** One day of the period: usage spend so far by its end (past days), or projected by its end (days ahead). */
export type SpendPathPoint = { day: string; actualMinor: number | null; projectedMinor: number | null };

/**
 * The period's cumulative usage spend day by day: for the days so far, each meter's units up to the day's
 * end priced whole with its plan price (tiers and included units, as the invoice prices them, rounded once
 * per meter); for the days ahead, the same with each day's projected units added (projectMeterUnits' middle
 * estimate), so the projection continues the curve through the tiers rather than scaling money. Today is
 * in both, so the two lines meet. Minor units, as numbers for drawing only.
 */
export function spendPath(p: {
  periodStart: Date;
  periodEnd: Date;
  now: Date;
  currency: CurrencyCode;
  meters: readonly { meterId: string; priceModel: PriceModel }[];
  /** Units per meter and whole UTC day since the period's start (index 0 = its first day), today included so far. */
  unitsByDay: ReadonlyMap<string, readonly Decimal[]>;
  histories: ReadonlyMap<string, DailyHistory>;
}): SpendPathPoint[] {
  const first = Math.floor(p.periodStart.getTime() / DAY) * DAY;
  const days = Math.ceil((p.periodEnd.getTime() - first) / DAY);
  const todayIndex = Math.floor((p.now.getTime() - first) / DAY);
  const cum = new Map(p.meters.map((m) => [m.meterId, new MoneyDecimal(0)]));
  const price = () =>
    p.meters.reduce(
      (s, m) => s + toMinorUnits(priceQuantity(m.priceModel, cum.get(m.meterId)!).amount, p.currency),
      0n,
    );
  // Each meter's rate once: projecting a day at a time recomputed it (weekday factors, quantiles) per day.
  const rates = new Map(
    p.meters.map((m) => {
      const history = p.histories.get(m.meterId);
      return [m.meterId, history ? meterRate(history) : undefined] as const;
    }),
  );
  const out: SpendPathPoint[] = [];
  for (let i = 0; i < days; i++) {
    const dayStart = new Date(first + i * DAY);
    if (i <= todayIndex) {
      for (const m of p.meters)
        cum.set(m.meterId, cum.get(m.meterId)!.plus(p.unitsByDay.get(m.meterId)?.[i] ?? 0));
      const spent = Number(price());
      out.push({
        day: dayStart.toISOString(),
        actualMinor: spent,
        projectedMinor: i === todayIndex ? spent : null,
      });
      continue;
    }
    let projected = true;
    for (const m of p.meters) {
      const rate = rates.get(m.meterId);
      if (rate === undefined) continue;
      const end = new Date(Math.min(first + (i + 1) * DAY, p.periodEnd.getTime()));
      // The first day ahead also carries the rest of today.
      const units = rate && projectRate(rate, i === todayIndex + 1 ? p.now : dayStart, end);
      if (!units) projected = false;
      else cum.set(m.meterId, cum.get(m.meterId)!.plus(units.mid));
    }
    out.push({
      day: dayStart.toISOString(),
      actualMinor: null,
      projectedMinor: projected ? Number(price()) : null,
    });
  }
  return out;
}
