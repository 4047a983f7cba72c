import type { PeriodInputs, PeriodSubscription } from "@/lib/billing/invoice-types";
import { priceQuantity } from "@/lib/rating/price-quantity";
import type { PriceModel } from "@/lib/rating/price-model";

export const METER_ID = "tokens";

/** Token pricing with free units and a cheaper tier, so projections must be priced, not scaled. */
export const MODEL: PriceModel = {
  kind: "graduated",
  includedUnits: "1000000",
  tiers: [
    { upTo: "100000000", unitPrice: "0.000004" },
    { upTo: null, unitPrice: "0.000002" },
  ],
};

export const BASE_FEE_MINOR = 4900n;

/** A period's inputs for composeInvoice: one subscription on the backtest plan, `units` used so far. */
export function planInputs(periodStart: Date, periodEnd: Date, yearStart: Date, units: number): PeriodInputs {
  const sub: PeriodSubscription = {
    id: "sub",
    startedAt: yearStart,
    endsAt: null,
    trialEndsAt: null,
    version: {
      planName: "Backtest",
      number: 1,
      interval: "MONTH",
      baseFeeMinor: BASE_FEE_MINOR,
      minimumSpendMinor: 0n,
      prices: [
        { meterId: METER_ID, priceModel: MODEL, meter: { key: "tokens", name: "Tokens", unit: "tokens" } },
      ],
    },
    charges: [
      { meterId: METER_ID, quantity: String(units), amount: priceQuantity(MODEL, units).amount.toFixed() },
    ],
    creditedMinor: 0n,
    creditGrants: [],
  };
  return { currency: "USD", periodStart, periodEnd, subscriptions: [sub] };
}
