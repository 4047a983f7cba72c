import type { PriceDescription } from "@/lib/plans/describe-price";
import type { TierBreakdown } from "@/lib/plans/price-line";
import type { MoneyDto } from "@/lib/money/money-dto";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { SubscriptionState } from "@/lib/subscriptions/subscription-state";

export type MeterCharge = {
  meter: { key: string; name: string; unit: string };
  price: PriceDescription;
  /** Usage this period (decimal string). */
  quantity: string;
  includedUnits: string;
  freeUnitsLeft: string;
  /** Unrounded running charge, major units. */
  amount: string;
  /** The running charge rounded once (half-even), as an invoice line would be. */
  charge: MoneyDto;
  breakdown: TierBreakdown[];
};

/** What a customer sees of their plan and this period's charges (portal page and usage-summary API). */
export type UsageSummary = {
  customer: { externalId: string; name: string };
  asOf: string;
  currency: CurrencyCode;
  subscription: {
    id: string;
    state: SubscriptionState;
    plan: { name: string; description: string };
    version: number;
    interval: "MONTH" | "YEAR";
    paymentTerms: "PREPAID" | "POSTPAID";
    startedAt: string;
    trialEndsAt: string | null;
    endsAt: string | null;
    cancelAtPeriodEnd: boolean;
  } | null;
  /** The billing period holding `asOf`; starts no earlier than the subscription. */
  period: { start: string; end: string } | null;
  baseFee: { perInterval: MoneyDto; thisPeriod: MoneyDto } | null;
  minimumSpend: { perPeriod: MoneyDto; toReach: MoneyDto } | null;
  meters: MeterCharge[];
  /** Sum of the rounded meter charges. */
  usage: MoneyDto;
  /** Base fee for this period + usage so far. */
  total: MoneyDto;
  scheduledChange: { planName: string; version: number; startsAt: string } | null;
};
