import type { ComposedInvoice } from "@/lib/billing/invoice-types";
import type { CurrencyCode } from "@/lib/money/currencies";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import type { PeriodForecast } from "./forecast-period";
import type { SpendPathPoint } from "./spend-path";

type Range<T> = { low: T; mid: T; high: T };

export type SpikeDto = {
  meter: string;
  /** Start of the hour. */
  hour: string;
  units: string;
  baseline: string;
  threshold: string;
  cost: MoneyDto;
};

export type MeterForecastDto = {
  meter: { id: string; key: string; name: string; unit: string };
  /** "recent_rate": projected from daily usage; "held": a max, latest or unique count, kept as it is. */
  method: "recent_rate" | "held";
  soFar: { units: string; amount: MoneyDto };
  projected: { units: Range<string>; amount: Range<MoneyDto> } | null;
};

export type ForecastDto = {
  currency: CurrencyCode;
  period: { start: string; end: string };
  asOf: string;
  enoughHistory: boolean;
  /** The upcoming invoice as it stands (base fee, usage so far, minimum spend) and its usage part. */
  soFar: { total: MoneyDto; usage: MoneyDto };
  /** The period's total at the recent rate (mid) with its low–high band; null before 3 days of history. */
  projected: { total: Range<MoneyDto>; until: string } | null;
  meters: MeterForecastDto[];
  spikes: SpikeDto[];
  /** The period's cumulative usage spend by day: so far, then projected (lib/forecast/spend-path.ts). */
  spendPath?: SpendPathPoint[];
};

type MeterInfo = { id: string; key: string; name: string; unit: string };

/** The forecast as JSON: money as integer minor units with the currency, units as decimal strings. */
export function forecastDto(
  f: PeriodForecast,
  meters: readonly MeterInfo[],
  spikes: SpikeDto[],
  now: Date,
): ForecastDto {
  const c = f.soFar.currency;
  const p = f.projected;
  const money = (m: bigint) => moneyDto(m, c);
  return {
    currency: c,
    period: { start: f.soFar.periodStart.toISOString(), end: f.soFar.periodEnd.toISOString() },
    asOf: now.toISOString(),
    enoughHistory: f.enoughHistory,
    soFar: { total: money(f.soFar.totalMinor), usage: money(usageOf(f.soFar, null).amountMinor) },
    projected: p
      ? {
          total: {
            low: money(p.low.totalMinor),
            mid: money(p.mid.totalMinor),
            high: money(p.high.totalMinor),
          },
          until: f.horizon.toISOString(),
        }
      : null,
    meters: [...meters]
      .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key))
      .map((m) => {
        const so = usageOf(f.soFar, m.id);
        const pick = (inv: ComposedInvoice) => usageOf(inv, m.id);
        return {
          meter: m,
          method: f.remaining.has(m.id) ? ("recent_rate" as const) : ("held" as const),
          soFar: { units: so.units, amount: money(so.amountMinor) },
          projected: p
            ? {
                units: { low: pick(p.low).units, mid: pick(p.mid).units, high: pick(p.high).units },
                amount: {
                  low: money(pick(p.low).amountMinor),
                  mid: money(pick(p.mid).amountMinor),
                  high: money(pick(p.high).amountMinor),
                },
              }
            : null,
        };
      }),
    spikes,
  };
}

/** The usage lines of one meter (all meters: null): units and rounded amounts, added over subscriptions. */
function usageOf(inv: ComposedInvoice, meterId: string | null): { units: string; amountMinor: bigint } {
  const lines = inv.lines.filter((l) => l.kind === "USAGE" && (meterId === null || l.meterId === meterId));
  const amountMinor = lines.reduce((s, l) => s + l.amountMinor, 0n);
  const units = lines.reduce((s, l) => s.plus(new MoneyDecimal(l.quantity ?? "0")), ZERO);
  return { units: units.toFixed(), amountMinor };
}
