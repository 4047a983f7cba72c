import { invalidRequest } from "./errors";

/** Currencies without minor units (amounts are already whole units). */
const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]);

/** Stripe's minimum charge amounts for common currencies, in minor units. */
const MINIMUM: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, jpy: 50 };

export function formatAmount(minor: number, currency: string): string {
  const code = currency.toLowerCase();
  const value = ZERO_DECIMAL.has(code) ? minor : minor / 100;
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: code.toUpperCase() }).format(value);
  } catch {
    return `${value.toFixed(ZERO_DECIMAL.has(code) ? 0 : 2)} ${code.toUpperCase()}`;
  }
}

/** Validates a three-letter ISO currency code and returns it lower-cased. */
export function parseCurrency(raw: string, param = "currency"): string {
  const code = raw.toLowerCase();
  if (!/^[a-z]{3}$/.test(code)) throw invalidRequest(`Invalid currency: ${raw}.`, param);
  return code;
}

/** Rejects charges below Stripe's per-currency minimum (code amount_too_small). */
export function assertChargeable(amount: number, currency: string, param = "amount"): void {
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw invalidRequest("This value must be greater than or equal to 1.", param);
  }
  const minimum = MINIMUM[currency];
  if (minimum !== undefined && amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatAmount(minimum, currency)} ${currency}`, param, "amount_too_small");
  }
}
