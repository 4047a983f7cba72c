import { MoneyDecimal } from "@/lib/money/decimal";
import type { CurrencyCode } from "@/lib/money/currencies";
import { fromMinorUnits, toMinorUnits } from "@/lib/money/round";
import type { BillingPeriod } from "./billing-period";

export type Proration = {
  /** Whole seconds of the period, and those left after the change. */
  periodSeconds: number;
  remainingSeconds: number;
  /** Unused part of the old base fee, given back (minor units, ≥ 0). */
  creditMinor: bigint;
  /** The new base fee for the rest of the period (minor units, ≥ 0). */
  chargeMinor: bigint;
  /** chargeMinor - creditMinor: what the change costs now (negative = owed to the customer). */
  netMinor: bigint;
};

/**
 * Base-fee proration for a plan change that takes effect at `at`, inside `period`, to the second:
 *   credit = old fee × remaining seconds / period seconds
 *   charge = new fee × remaining seconds / period seconds
 * where remaining seconds = whole seconds from `at` to the period's end (a started second counts as
 * used). Each of credit and charge becomes an invoice line, so each is rounded once, with the one
 * rule (half-even, lib/money/round); the net is their difference, never rounded again.
 * While the subscription is in its trial no base fee was charged, so nothing is prorated.
 */
export function prorateBaseFee(opts: {
  oldFeeMinor: bigint;
  newFeeMinor: bigint;
  currency: CurrencyCode;
  /** The current period (the old version's interval). */
  period: BillingPeriod;
  /** The new version's period holding `at`, when its interval differs (default: `period`). */
  newPeriod?: BillingPeriod;
  at: Date;
  inTrial?: boolean;
}): Proration {
  const old = secondsLeft(opts.period, opts.at);
  if (opts.inTrial) return { ...old, creditMinor: 0n, chargeMinor: 0n, netMinor: 0n };
  const creditMinor = share(opts.oldFeeMinor, opts.currency, old);
  const chargeMinor = share(
    opts.newFeeMinor,
    opts.currency,
    opts.newPeriod ? secondsLeft(opts.newPeriod, opts.at) : old,
  );
  return { ...old, creditMinor, chargeMinor, netMinor: chargeMinor - creditMinor };
}

type Seconds = { periodSeconds: number; remainingSeconds: number };

/** Whole seconds of `period`, and those from `at` to its end (a started second counts as used). */
export function secondsLeft(period: BillingPeriod, at: Date): Seconds {
  const periodSeconds = Math.round((period.end.getTime() - period.start.getTime()) / 1000);
  const remainingMs = Math.max(0, period.end.getTime() - Math.max(at.getTime(), period.start.getTime()));
  return { periodSeconds, remainingSeconds: Math.min(periodSeconds, Math.floor(remainingMs / 1000)) };
}

/** fee × remaining / period, rounded once (half-even). */
function share(feeMinor: bigint, currency: CurrencyCode, s: Seconds): bigint {
  if (s.periodSeconds <= 0 || feeMinor === 0n) return 0n;
  return toMinorUnits(
    fromMinorUnits(feeMinor, currency).times(s.remainingSeconds).dividedBy(new MoneyDecimal(s.periodSeconds)),
    currency,
  );
}
