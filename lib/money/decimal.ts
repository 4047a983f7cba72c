import Decimal from "decimal.js";

/** Significant digits kept by every money computation; results that fit are exact. */
export const MONEY_PRECISION = 40;

/**
 * The Decimal class for money and quantities. Configured once, here:
 * - 40 significant digits, so sums and products of prices (≤ 20 digits) and quantities stay exact;
 * - default rounding is half-even, never decimal.js' implicit half-up; the one place money is
 *   rounded to chargeable units is `toMinorUnits` in ./round;
 * - toString() always prints plain notation ("0.0000025", never "2.5e-6").
 * decimal.js clones share a prototype, so `instanceof` cannot tell them apart: compare `.constructor`.
 */
export const MoneyDecimal = Decimal.clone({
  precision: MONEY_PRECISION,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

export const ZERO = new MoneyDecimal(0);

export type DecimalInput = string | number | bigint | Decimal;

/** Plain decimal text: "12", "-0.5", "1e-7", "2.5E+3". No hex, no "NaN", no "Infinity", no blanks. */
const DECIMAL_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Converts a value to a MoneyDecimal, refusing anything that is not an exact finite decimal:
 * NaN, ±Infinity, malformed text, more than 40 significant digits, and JS numbers that are not
 * safe integers unless their binary value is exactly the decimal they print as: 0.5, 0.375, 1e21
 * and 2 ** 53 are fine; 0.1 (really 0.1000000000000000055…) and 2 ** 60 (prints as
 * 1152921504606847000) are refused. Prefer strings for non-integers.
 */
export function toDecimal(x: DecimalInput): Decimal {
  if (x instanceof Decimal && x.constructor === MoneyDecimal) return x;
  return checked(fromInput(x));
}

function fromInput(x: DecimalInput): Decimal {
  if (typeof x === "string") {
    if (!DECIMAL_TEXT.test(x)) throw new RangeError(`Not a decimal number: "${x.slice(0, 40)}"`);
    return new MoneyDecimal(x);
  }
  if (typeof x === "bigint") return new MoneyDecimal(x.toString());
  if (typeof x === "number") return fromNumber(x);
  if (Decimal.isDecimal(x)) {
    if (!x.isFinite()) throw new RangeError(`Not a finite decimal: ${x.toString()}`);
    return new MoneyDecimal(x);
  }
  throw new TypeError(`Cannot read a decimal from ${typeof x}`);
}

function fromNumber(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  if (Number.isSafeInteger(x)) return new MoneyDecimal(x);
  const d = new MoneyDecimal(String(x));
  if (!equalsBinaryValue(x, d)) {
    throw new RangeError(`${x} is not exactly representable as a JS number; pass it as a decimal string`);
  }
  return d;
}

/** Whether the double `x` is exactly the decimal `d` (compared as integers with bigint). */
function equalsBinaryValue(x: number, d: Decimal): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = biased === 0 ? -1074 : biased - 1075;
  const [whole, frac = ""] = d.abs().toString().split(".");
  const digits = BigInt(whole + frac);
  const pow10 = 10n ** BigInt(frac.length);
  // |x| = mantissa * 2^exp2 and |d| = digits / 10^frac.length
  return exp2 >= 0 ? digits === (mantissa << BigInt(exp2)) * pow10 : digits << BigInt(-exp2) === mantissa * pow10;
}

function checked(d: Decimal): Decimal {
  if (!d.isFinite()) throw new RangeError(`Not a finite decimal: ${d.toString()}`);
  if (d.isZero()) return ZERO;
  if (d.sd() > MONEY_PRECISION) {
    throw new RangeError(`${d.toString().slice(0, 50)}… has more than ${MONEY_PRECISION} significant digits`);
  }
  return d;
}
