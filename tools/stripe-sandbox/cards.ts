import { createHash } from "node:crypto";

/** Why a card is refused, in Stripe's terms (`code`, `decline_code`, customer-facing message). */
export interface CardFailure {
  code: string;
  declineCode?: string;
  message: string;
}

export interface TestCard {
  number: string;
  brand: "visa" | "mastercard" | "amex" | "unknown";
  funding: "credit" | "debit";
  /** Outcome of charging the card (null = approved). */
  charge: CardFailure | null;
  /** Outcome of attaching / setting up the card (null = approved). */
  attach: CardFailure | null;
}

const declined = (declineCode: string, message = "Your card was declined."): CardFailure => ({
  code: "card_declined",
  declineCode,
  message,
});
const GENERIC = declined("generic_decline");
const INSUFFICIENT = declined("insufficient_funds", "Your card has insufficient funds.");
const EXPIRED: CardFailure = { code: "expired_card", declineCode: "expired_card", message: "Your card has expired." };
const BAD_CVC: CardFailure = {
  code: "incorrect_cvc",
  declineCode: "incorrect_cvc",
  message: "Your card's security code is incorrect.",
};
const PROCESSING: CardFailure = {
  code: "processing_error",
  declineCode: "processing_error",
  message: "An error occurred while processing your card. Try again in a little bit.",
};

function card(number: string, brand: TestCard["brand"], failure: CardFailure | null, attachOk = false): TestCard {
  const funding = number === "4000056655665556" ? "debit" : "credit";
  return { number, brand, funding, charge: failure, attach: attachOk ? null : failure };
}

/** Stripe's documented test cards (https://docs.stripe.com/testing). */
const TEST_CARDS: TestCard[] = [
  card("4242424242424242", "visa", null),
  card("4000056655665556", "visa", null),
  card("5555555555554444", "mastercard", null),
  card("378282246310005", "amex", null),
  card("4000000000000002", "visa", GENERIC),
  card("4000000000009995", "visa", INSUFFICIENT),
  card("4000000000009987", "visa", declined("lost_card")),
  card("4000000000009979", "visa", declined("stolen_card")),
  card("4000000000000069", "visa", EXPIRED),
  card("4000000000000127", "visa", BAD_CVC),
  card("4000000000000119", "visa", PROCESSING),
  // "Attaching this card to a Customer object succeeds, but attempts to charge the customer fail."
  card("4000000000000341", "visa", GENERIC, true),
];

/** Stripe's test PaymentMethod tokens, usable wherever a `pm_` id is accepted. */
const TEST_TOKENS: Record<string, string> = {
  pm_card_visa: "4242424242424242",
  pm_card_visa_debit: "4000056655665556",
  pm_card_mastercard: "5555555555554444",
  pm_card_amex: "378282246310005",
  pm_card_chargeDeclined: "4000000000000002",
  pm_card_chargeDeclinedInsufficientFunds: "4000000000009995",
  pm_card_chargeDeclinedLostCard: "4000000000009987",
  pm_card_chargeDeclinedStolenCard: "4000000000009979",
  pm_card_chargeDeclinedExpiredCard: "4000000000000069",
  pm_card_chargeDeclinedIncorrectCvc: "4000000000000127",
  pm_card_chargeDeclinedProcessingError: "4000000000000119",
  pm_card_chargeCustomerFail: "4000000000000341",
};

const LIVE_CARD = declined(
  "test_mode_live_card",
  "Your card was declined. Your request was in test mode, but used a non test (live) card. " +
    "For a list of valid test cards, visit: https://stripe.com/docs/testing.",
);

export const INCORRECT_NUMBER: CardFailure = { code: "incorrect_number", message: "Your card number is incorrect." };

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function brandOf(digits: string): TestCard["brand"] {
  if (digits.startsWith("4")) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  return "unknown";
}

/** Resolves a typed card number: a known test card, a (refused) live card, or an invalid number. */
export function lookupCard(input: string): { card: TestCard } | { failure: CardFailure } {
  const digits = input.replace(/[\s-]/g, "");
  if (!luhnValid(digits)) return { failure: INCORRECT_NUMBER };
  const known = TEST_CARDS.find((c) => c.number === digits);
  if (known) return { card: known };
  return { card: { number: digits, brand: brandOf(digits), funding: "credit", charge: LIVE_CARD, attach: LIVE_CARD } };
}

/** `pm_card_visa` / `tok_visa` -> the test card behind it, or undefined if it is not a test token. */
export function cardForToken(token: string): TestCard | undefined {
  const key = token.startsWith("tok_") ? `pm_card_${token.slice(4)}` : token;
  const number = Object.hasOwn(TEST_TOKENS, key) ? TEST_TOKENS[key] : undefined;
  return number ? TEST_CARDS.find((c) => c.number === number) : undefined;
}

export function cardByNumber(number: string): TestCard {
  const found = lookupCard(number);
  return "card" in found ? found.card : { ...TEST_CARDS[0], number };
}

/** A stable per-number fingerprint, like Stripe's `card.fingerprint`. */
export function fingerprint(number: string): string {
  return createHash("sha256").update(`sandbox:${number}`).digest("base64url").replace(/[-_]/g, "").slice(0, 16);
}

/** Parses `MM / YY`, `MM/YY` or `MM/YYYY`; returns a failure for bad or past dates. */
export function parseExpiry(input: string, now = new Date()): { month: number; year: number } | CardFailure {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(input);
  if (!match) return { code: "invalid_expiry_month", message: "Your card's expiration date is incomplete." };
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return validateExpiry(month, year, now) ?? { month, year };
}

export function validateExpiry(month: number, year: number, now = new Date()): CardFailure | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    return { code: "invalid_expiry_month", message: "Your card's expiration month is invalid." };
  }
  const thisYear = now.getUTCFullYear();
  if (!Number.isInteger(year) || year < thisYear || (year === thisYear && month < now.getUTCMonth() + 1)) {
    return { code: "invalid_expiry_year", message: "Your card's expiration year is in the past." };
  }
  return null;
}

export function validateCvc(cvc: string, brand: TestCard["brand"]): CardFailure | null {
  const ok = brand === "amex" ? /^\d{4}$/.test(cvc) : /^\d{3}$/.test(cvc);
  return ok ? null : { code: "invalid_cvc", message: "Your card's security code is invalid." };
}
