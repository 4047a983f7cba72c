import type Decimal from "decimal.js";
import { MoneyDecimal } from "@/lib/money/decimal";

/** Plain non-negative integers short enough that any one is exact as a JS number. */
const SMALL_INTEGER = /^\d{1,15}$/;
const ZERO = new MoneyDecimal(0);

/**
 * An exact running sum and maximum of decimal texts (meter values), cheap in the usual case: while the
 * values are small integers they add up as JS numbers, which are exact below 2^53 (the running sum
 * spills into a Decimal before it could pass that); any other value is added as a MoneyDecimal, whose
 * 40 significant digits hold any NUMERIC(38,12) exactly (plain decimal.js keeps 20 and would round a
 * sum like 9999999999999999999.05). Never a float: a number here only ever holds an integer below 2^53.
 */
export class ExactSum {
  private small = 0;
  private big: Decimal | null = null;
  private maxSmall = -1;
  private maxBig: Decimal | null = null;

  add(text: string): void {
    if (SMALL_INTEGER.test(text)) {
      const n = Number(text);
      if (this.small + n > Number.MAX_SAFE_INTEGER) this.spill();
      this.small += n;
      if (n > this.maxSmall) this.maxSmall = n;
    } else {
      const v = new MoneyDecimal(text);
      this.big = this.big === null ? v : this.big.plus(v);
      if (this.maxBig === null || v.gt(this.maxBig)) this.maxBig = v;
    }
  }

  get sum(): Decimal {
    return this.big === null ? new MoneyDecimal(this.small) : this.big.plus(this.small);
  }

  /** The largest value added, or null when none was. */
  get max(): Decimal | null {
    if (this.maxBig === null) return this.maxSmall < 0 ? null : new MoneyDecimal(this.maxSmall);
    return this.maxSmall >= 0 && this.maxBig.lt(this.maxSmall) ? new MoneyDecimal(this.maxSmall) : this.maxBig;
  }

  private spill(): void {
    this.big = (this.big ?? ZERO).plus(this.small);
    this.small = 0;
  }
}
