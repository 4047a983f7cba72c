import type Decimal from "decimal.js";
import { MoneyDecimal } from "@/lib/money/decimal";

export type ParsedNumber = { ok: true; value: string; decimal: Decimal } | { ok: false; message: string };

/** Separators people group thousands with: comma, underscore, space (and the no-break and thin spaces). */
const GROUP = /[,_ \u00a0\u2009\u202f]/;
const SPACES = /[\u00a0\u2009\u202f]/g;

/**
 * The one reading of a number an admin types (prices, tier bounds, included units, calculator quantities),
 * on the client and the server alike. Accepts plain digits with at most one "." for decimals, and the
 * integer part grouped in threes by one separator used throughout: "20,000,000", "20_000_000",
 * "20 000 000", "1,234.5". Refuses, saying why: signs, exponents, letters, a second ".", mixed or misplaced
 * separators ("1,5" could be one and a half or fifteen; "1,00,000"), grouping after the "." and more than
 * `maxDecimals` decimal places. `value` is the canonical decimal text ("20000000", "0.0000025") the API
 * stores; never a float.
 */
export function parseNumberInput(text: string, opts: { maxDecimals?: number } = {}): ParsedNumber {
  const t = text.trim().replace(SPACES, " ");
  if (t === "") return fail("enter a number");
  if (/^[+-]/.test(t)) return fail(t.startsWith("-") ? "must not be negative" : "write the number without a sign");
  if (/e/i.test(t) && /\d/.test(t)) return fail("write the number out in digits, without an exponent (e.g. 0.0000025, not 2.5e-6)");
  if (/[^\d.,_ ]/.test(t)) return fail("use only digits, one \".\" for decimals, and , _ or space to group thousands");
  const [whole, fraction, ...rest] = t.split(".");
  if (rest.length > 0) return fail("has more than one \".\"; use \".\" only for decimals");
  if (fraction !== undefined && GROUP.test(fraction)) {
    return fail(`"${t}" is ambiguous: group digits only before the "." (e.g. 1,234.5; decimals use ".")`);
  }
  const digits = ungroup(whole);
  if (digits === null) {
    return fail(`"${t}" is ambiguous: group thousands in threes with one separator (20,000,000), and write decimals with "." (1.5, not 1,5)`);
  }
  if (digits === "" && !fraction) return fail("enter a number");
  if (fraction === "") return fail("needs digits after the \".\"");
  const places = fraction?.length ?? 0;
  if (opts.maxDecimals !== undefined && places > opts.maxDecimals) return fail(`may have at most ${opts.maxDecimals} decimal places`);
  const decimal = new MoneyDecimal(`${digits || "0"}${fraction ? `.${fraction}` : ""}`);
  return { ok: true, value: decimal.toFixed(), decimal };
}

/** The integer part's digits, or null when its grouping is not one separator between groups of three. */
function ungroup(whole: string): string | null {
  const seps = new Set(whole.match(new RegExp(GROUP.source, "g")) ?? []);
  if (seps.size === 0) return whole;
  if (seps.size > 1) return null;
  const [sep] = seps;
  const groups = whole.split(sep);
  // "0,500" could be a half: a grouped number starts with a non-zero digit.
  if (!/^[1-9]\d{0,2}$/.test(groups[0]) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
  return groups.join("");
}

function fail(message: string): ParsedNumber {
  return { ok: false, message };
}

/**
 * Canonical decimal text written for people, the integer part grouped by `separator` ("20000000.5" →
 * "20,000,000.5"). parseNumberInput reads it back to the same value.
 */
export function formatNumberInput(value: string, separator: "," | "_" | " " | "" = ","): string {
  const [whole, fraction] = value.split(".");
  const grouped = separator ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator) : whole;
  return fraction ? `${grouped}.${fraction}` : grouped;
}
