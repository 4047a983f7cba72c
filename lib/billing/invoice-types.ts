import type { CurrencyCode } from "@/lib/money/currencies";
import type { TierBreakdown } from "@/lib/plans/price-line";
import type { BillingInterval } from "@/lib/subscriptions/billing-period";

export type InvoiceLineKind = "BASE_FEE" | "USAGE" | "MINIMUM_SPEND" | "CREDITS_APPLIED";

export type BaseFeeDetails = {
  feeMinor: string;
  periodSeconds: number;
  /** Seconds of the period the subscription was in force; equal to periodSeconds when not prorated. */
  coveredSeconds: number;
  prorated: boolean;
  trial: boolean;
};

export type UsageDetails = {
  meterKey: string;
  unit: string;
  freeUnitsLeft: string;
  breakdown: TierBreakdown[];
};

/** One grant's part of the credits-applied line (JSON: the amount as a string; no grant id for untracked credits). */
export type AppliedGrant = { grantId: string | null; kind: string; description: string; amountMinor: string };

export type CreditsAppliedDetails = { grants: AppliedGrant[] };

/** One invoice line as composed (before it is stored or shown). Amounts: exact in major units, charged in minor units. */
export type ComposedLine = {
  kind: InvoiceLineKind;
  description: string;
  subscriptionId: string | null;
  meterId: string | null;
  fromAt: Date;
  toAt: Date;
  quantity: string | null;
  includedUnits: string | null;
  amountExact: string;
  amountMinor: bigint;
  details: BaseFeeDetails | UsageDetails | CreditsAppliedDetails | Record<string, never>;
};

export type ComposedInvoice = {
  currency: CurrencyCode;
  periodStart: Date;
  periodEnd: Date;
  lines: ComposedLine[];
  /** Sum of the charge lines (everything but credits applied). */
  totalMinor: bigint;
  /** What prepaid credits paid of the period's usage (≥ 0). */
  creditsMinor: bigint;
  amountDueMinor: bigint;
};

type PriceRow = { meterId: string; priceModel: unknown; meter: { key: string; name: string; unit: string } };
type ChargeRow = { meterId: string; quantity: { toString(): string }; amount: { toString(): string } };

/** A subscription in force during the period, with what its lines need. */
export type PeriodSubscription = {
  id: string;
  startedAt: Date;
  endsAt: Date | null;
  trialEndsAt: Date | null;
  version: {
    planName: string;
    number: number;
    interval: BillingInterval;
    baseFeeMinor: bigint;
    minimumSpendMinor: bigint;
    prices: PriceRow[];
  };
  /** period_meter_charges rows of this subscription and period. */
  charges: ChargeRow[];
  /** usage_credit_periods.credited_minor of this subscription and period (0 without a row). */
  creditedMinor: bigint;
  /** usage_credit_period_grants: which grants paid how much of creditedMinor (oldest grant first). */
  creditGrants: CreditGrantShare[];
};

/** What one credit grant paid of a period's usage. */
export type CreditGrantShare = { grantId: string; kind: string; description: string; amountMinor: bigint };

export type PeriodInputs = {
  currency: CurrencyCode;
  periodStart: Date;
  periodEnd: Date;
  subscriptions: PeriodSubscription[];
};
