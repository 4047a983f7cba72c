/**
 * The currencies Meterly knows, with their ISO 4217 minor-unit exponent
 * (how many decimal places the smallest chargeable unit has: USD cents = 2, JPY = 0).
 */
export const CURRENCIES = {
  USD: { exponent: 2, name: "US dollar" },
  EUR: { exponent: 2, name: "Euro" },
  GBP: { exponent: 2, name: "Pound sterling" },
  JPY: { exponent: 0, name: "Japanese yen" },
  KRW: { exponent: 0, name: "South Korean won" },
  CAD: { exponent: 2, name: "Canadian dollar" },
  AUD: { exponent: 2, name: "Australian dollar" },
  CHF: { exponent: 2, name: "Swiss franc" },
  INR: { exponent: 2, name: "Indian rupee" },
  BRL: { exponent: 2, name: "Brazilian real" },
  SEK: { exponent: 2, name: "Swedish krona" },
  NZD: { exponent: 2, name: "New Zealand dollar" },
  SGD: { exponent: 2, name: "Singapore dollar" },
  MXN: { exponent: 2, name: "Mexican peso" },
  KWD: { exponent: 3, name: "Kuwaiti dinar" },
} as const satisfies Record<string, { exponent: number; name: string }>;

export type CurrencyCode = keyof typeof CURRENCIES;

export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

/** True for an upper-case ISO code this app knows ("USD"); "usd" and "XXX" are not. */
export function isKnownCurrency(code: string): code is CurrencyCode {
  return Object.prototype.hasOwnProperty.call(CURRENCIES, code);
}

/** Reads a currency code from outside (case-insensitive); throws for one this app does not know. */
export function parseCurrency(code: string): CurrencyCode {
  const upper = code.trim().toUpperCase();
  if (!isKnownCurrency(upper)) throw new RangeError(`Unknown currency "${code}"`);
  return upper;
}

/** Decimal places of the currency's minor unit: 2 for USD (cents), 0 for JPY and KRW, 3 for KWD. */
export function minorUnitExponent(currency: CurrencyCode): number {
  if (!isKnownCurrency(currency)) throw new RangeError(`Unknown currency "${String(currency)}"`);
  return CURRENCIES[currency].exponent;
}
