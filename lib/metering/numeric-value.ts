/** Strict decimal text: what a meter value may look like, as a JSON number or a string. */
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export type NumericResult = { ok: true; value: string } | { ok: false; rule: string; message: string };

/** Reads a meter value from a property: a finite JSON number or a decimal string. Never a float for storage. */
export function readNumericValue(raw: unknown, field: string, allowNegative: boolean): NumericResult {
  let text: string;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { ok: false, rule: "finite_number", message: `${field} must be a finite number` };
    text = String(raw);
  } else if (typeof raw === "string") {
    text = raw.trim();
    if (!DECIMAL.test(text)) return { ok: false, rule: "numeric", message: `${field} must be a number or a decimal string, got "${raw.slice(0, 40)}"` };
  } else if (raw === undefined || raw === null) {
    return { ok: false, rule: "required", message: `${field} is required by the meter` };
  } else {
    return { ok: false, rule: "numeric", message: `${field} must be a number or a decimal string` };
  }
  if (!DECIMAL.test(text)) return { ok: false, rule: "numeric", message: `${field} must be a decimal number` };
  if (!allowNegative && text.startsWith("-") && !/^-0*(\.0*)?([eE].*)?$/.test(text)) {
    return { ok: false, rule: "non_negative", message: `${field} must not be negative (this meter does not accept corrections)` };
  }
  return { ok: true, value: text };
}
