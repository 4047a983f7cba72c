import type { CurrencyCode } from "./currencies";
import type { DecimalInput } from "./decimal";
import { toMinorUnits } from "./round";

/**
 * Minor units to charge now for an unrounded running total, given what was already charged:
 * round(total) - alreadyCharged, with the one rounding rule (half-even, see ./round).
 * Charging this after every small debit never leaks: the sum of everything charged is always
 * exactly round(latest total), however many sub-cent pieces it was made of.
 * Negative when the total went down (a credit), e.g. volume pricing dropping to a cheaper tier.
 */
export function carryRemainder(runningTotal: DecimalInput, alreadyChargedMinor: bigint, currency: CurrencyCode): bigint {
  return toMinorUnits(runningTotal, currency) - alreadyChargedMinor;
}

/** Stateful form of carryRemainder: remembers what it has charged so far. */
export class RemainderCarry {
  private charged: bigint;

  constructor(
    readonly currency: CurrencyCode,
    alreadyChargedMinor = 0n,
  ) {
    this.charged = alreadyChargedMinor;
  }

  /** Minor units to charge now so that everything charged equals round(runningTotal). */
  chargeFor(runningTotal: DecimalInput): bigint {
    const due = carryRemainder(runningTotal, this.charged, this.currency);
    this.charged += due;
    return due;
  }

  /** Everything charged so far, in minor units. */
  get chargedMinor(): bigint {
    return this.charged;
  }
}
