import { describe, expect, it } from "vitest";
import type { PeriodSubscription } from "@/lib/billing/invoice-types";
import { MoneyDecimal } from "@/lib/money/decimal";
import { forecastPeriod } from "./forecast-period";

const start = new Date("2026-03-01T00:00:00Z");
const end = new Date("2026-04-01T00:00:00Z");
const DAY = 86_400_000;

function inputs(soFar: string, endsAt: Date | null = null) {
  const sub: PeriodSubscription = {
    id: "s1",
    startedAt: start,
    endsAt,
    trialEndsAt: null,
    version: {
      planName: "Pro",
      number: 1,
      interval: "MONTH",
      baseFeeMinor: 1000n,
      minimumSpendMinor: 0n,
      prices: [
        {
          meterId: "m",
          priceModel: { kind: "per_unit", unitPrice: "0.01" },
          meter: { key: "k", name: "Calls", unit: "calls" },
        },
      ],
    },
    charges: [{ meterId: "m", quantity: soFar, amount: new MoneyDecimal(soFar).times("0.01").toFixed() }],
    creditedMinor: 0n,
    creditGrants: [],
  };
  return { currency: "USD" as const, periodStart: start, periodEnd: end, subscriptions: [sub] };
}

const days = (n: number, each: number) => ({
  firstDay: start,
  totals: Array.from({ length: n }, () => new MoneyDecimal(each)),
});

describe("forecastPeriod", () => {
  it("says there is not enough history before 3 whole days, with the period so far", () => {
    const f = forecastPeriod(
      inputs("200"),
      new Map([["m", days(2, 100)]]),
      new Date(start.getTime() + 2 * DAY),
    );
    expect(f.enoughHistory).toBe(false);
    expect(f.projected).toBeNull();
    expect(f.soFar.totalMinor).toBe(1000n + 200n);
  });

  it("adds the remaining days at the recent rate to the period so far, base fee once", () => {
    // 10 days of 100 calls, 21 days left: 3,100 calls at $0.01 = $31.00, plus the $10.00 fee.
    const f = forecastPeriod(
      inputs("1000"),
      new Map([["m", days(10, 100)]]),
      new Date(start.getTime() + 10 * DAY),
    );
    expect(f.enoughHistory).toBe(true);
    expect(f.remaining.get("m")?.mid.toFixed()).toBe("2100");
    expect(f.projected?.mid.totalMinor).toBe(4100n);
    expect(f.projected?.low.totalMinor).toBe(4100n);
    expect(f.projected?.high.totalMinor).toBe(4100n);
  });

  it("stops at the subscription's end when it ends before the period", () => {
    const f = forecastPeriod(
      inputs("1000", new Date(start.getTime() + 15 * DAY)),
      new Map([["m", days(10, 100)]]),
      new Date(start.getTime() + 10 * DAY),
    );
    expect(f.horizon.toISOString()).toBe("2026-03-16T00:00:00.000Z");
    expect(f.remaining.get("m")?.mid.toFixed()).toBe("500");
  });
});
