/** Strict decimal text: what a meter value may look like, as a JSON number or a string. */
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
/**
 * The usual value, taken as it is: plain decimal text with at most 20 integer digits (so below 10^20)
 * and at most 12 fractional digits. Anything else (an exponent, more digits) is checked digit by digit.
 */
const PLAIN_IN_RANGE = /^-?(0|[1-9]\d{0,19})(\.\d{1,12})?$/;
const DECIMAL_PARTS = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Values are summed into NUMERIC(38,12) columns (usage_rollups.sum/max/latest_value and
 * period_meter_charges.quantity): 12 digits after the point, and absolute values below 10^26. One value
 * must stay below 10^20, so a rollup or period total can add up a million maximal values (10^26 / 10^20)
 * before it could overflow; more than 12 fractional digits would be silently rounded, so they are refused.
 */
const MAX_SCALE = 12;
const MAX_INTEGER_DIGITS = 20;

export type NumericResult = { ok: true; value: string } | { ok: false; rule: string; message: string };

/**
 * Reads a meter value from a property: a finite JSON number or a decimal string, within the range
 * above. Never a float for storage: `value` is plain decimal text (no exponent), ready for Decimal or SQL.
 */
export function readNumericValue(raw: unknown, field: string, allowNegative: boolean): NumericResult {
  let text: string;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { ok: false, rule: "finite_number", message: `${field} must be a finite number` };
    text = String(raw);
  } else if (typeof raw === "string") {
    text = raw.trim();
  } else if (raw === undefined || raw === null) {
    return { ok: false, rule: "required", message: `${field} is required by the meter` };
  } else {
    return { ok: false, rule: "numeric", message: `${field} must be a number or a decimal string` };
  }
  if (!PLAIN_IN_RANGE.test(text)) {
    if (!DECIMAL.test(text)) {
      return { ok: false, rule: "numeric", message: `${field} must be a number or a decimal string, got "${String(raw).slice(0, 40)}"` };
    }
    const plain = plainDecimal(text, field);
    if (!plain.ok) return plain;
    text = plain.value;
  }
  if (!allowNegative && text.startsWith("-") && !/^-0*(\.0*)?$/.test(text)) {
    return { ok: false, rule: "non_negative", message: `${field} must not be negative (this meter does not accept corrections)` };
  }
  return { ok: true, value: text };
}

/**
 * Decimal text (already matching DECIMAL) as plain text without exponent, leading or trailing zeros,
 * or the range problem. Works on the digits, so a huge exponent costs nothing.
 */
function plainDecimal(text: string, field: string): NumericResult {
  const [, sign, int, frac = "", exp = "0"] = DECIMAL_PARTS.exec(text)!;
  let digits = int + frac;
  // The decimal point sits after `point` digits (negative: that many zeros come first).
  let point = int.length + Number(exp);
  const lead = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(lead).replace(/0+$/, "");
  point -= lead;
  if (digits.length === 0) return { ok: true, value: "0" };
  if (point > MAX_INTEGER_DIGITS) {
    return { ok: false, rule: "max_magnitude", message: `${field} must be less than 10^${MAX_INTEGER_DIGITS} in absolute value` };
  }
  if (digits.length - point > MAX_SCALE) {
    return { ok: false, rule: "max_scale", message: `${field} must have at most ${MAX_SCALE} digits after the decimal point` };
  }
  const unsigned =
    point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return { ok: true, value: sign + unsigned };
}
