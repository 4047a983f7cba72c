import type Decimal from "decimal.js";
import type { CurrencyCode } from "@/lib/money/currencies";
import { toDecimal, type DecimalInput } from "@/lib/money/decimal";
import { RemainderCarry } from "@/lib/money/remainder-carry";
import type { PriceModel } from "./price-model";
import { priceQuantity } from "./price-quantity";
import { rateIncrement } from "./rate-increment";

export type RatedIncrement = {
  /** Minor units to debit now (negative = credit back). */
  readonly debitMinor: bigint;
  /** Unrounded charge of this increment in major units: price(usage after) - price(usage before). */
  readonly amount: Decimal;
  readonly usageAfter: Decimal;
};

/**
 * A period's running charge for one price: feed usage increments, get whole minor units to debit
 * for each. Sub-cent charges are carried, never lost or double-counted: after any sequence of
 * increments, the sum of debits is exactly round(price(total usage)) (half-even, see lib/money/round).
 * Resume a period with the usage and the minor units already debited.
 */
export class RunningCharge {
  private usage: Decimal;
  private total: Decimal;
  private readonly carry: RemainderCarry;

  constructor(
    readonly model: PriceModel,
    readonly currency: CurrencyCode,
    resume: { usage?: DecimalInput; chargedMinor?: bigint } = {},
  ) {
    this.usage = toDecimal(resume.usage ?? 0);
    this.total = priceQuantity(model, this.usage).amount;
    this.carry = new RemainderCarry(currency, resume.chargedMinor ?? 0n);
  }

  /** Rates `quantity` more units and returns what to debit for them. */
  add(quantity: DecimalInput): RatedIncrement {
    const amount = rateIncrement(this.model, this.usage, quantity);
    this.usage = this.usage.plus(toDecimal(quantity));
    this.total = this.total.plus(amount);
    return { debitMinor: this.carry.chargeFor(this.total), amount, usageAfter: this.usage };
  }

  /** Usage so far this period. */
  get usageSoFar(): Decimal {
    return this.usage;
  }

  /** Unrounded price of the usage so far (major units). */
  get amountSoFar(): Decimal {
    return this.total;
  }

  /** Minor units debited so far; always round(amountSoFar). */
  get chargedMinor(): bigint {
    return this.carry.chargedMinor;
  }
}
