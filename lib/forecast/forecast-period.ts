import type Decimal from "decimal.js";
import { composeInvoice } from "@/lib/billing/compose-invoice";
import type { ComposedInvoice, PeriodInputs } from "@/lib/billing/invoice-types";
import { priceProjectedUsage } from "./price-projected-usage";
import { projectMeterUnits, type DailyHistory, type UnitsRange } from "./project-meter-units";

export type PeriodForecast = {
  /** The period so far: the upcoming invoice as composed now. */
  soFar: ComposedInvoice;
  /** False until every projected meter has 3 whole days of history; then `projected` is null. */
  enoughHistory: boolean;
  /** The whole period's invoice at the recent rate, and at the low and high ends of the band. */
  projected: { low: ComposedInvoice; mid: ComposedInvoice; high: ComposedInvoice } | null;
  /** Units each projected meter is expected to use from now to the end of the period. */
  remaining: Map<string, UnitsRange>;
  /** Where the projection stops: the period's end, or the subscription's end when that comes first. */
  horizon: Date;
};

/**
 * A customer's period forecast from its period inputs (as the upcoming invoice is composed) and the daily
 * history of each meter whose usage adds up over time (by meter id): each meter's remaining units from
 * `now` to the horizon (see projectMeterUnits), priced whole with the plan (see priceProjectedUsage).
 * Meters without a history (max, latest, unique counts) keep the quantity they have so far.
 */
export function forecastPeriod(
  inputs: PeriodInputs,
  histories: ReadonlyMap<string, DailyHistory>,
  now: Date,
): PeriodForecast {
  const soFar = composeInvoice(inputs);
  const last = [...inputs.subscriptions].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime()).at(-1);
  const ends = last?.endsAt && last.endsAt < inputs.periodEnd ? last.endsAt : inputs.periodEnd;
  const horizon = ends < now ? now : ends;
  const remaining = new Map<string, UnitsRange>();
  let enoughHistory = true;
  for (const [meterId, history] of histories) {
    const units = projectMeterUnits(history, now, horizon);
    if (units) remaining.set(meterId, units);
    else enoughHistory = false;
  }
  if (!enoughHistory) return { soFar, enoughHistory, projected: null, remaining: new Map(), horizon };
  const at = (pick: (u: UnitsRange) => Decimal) =>
    priceProjectedUsage(inputs, new Map([...remaining].map(([id, u]) => [id, pick(u)])));
  return {
    soFar,
    enoughHistory,
    projected: { low: at((u) => u.low), mid: at((u) => u.mid), high: at((u) => u.high) },
    remaining,
    horizon,
  };
}
