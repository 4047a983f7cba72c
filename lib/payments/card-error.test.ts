import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { isCardError } from "./card-error";

describe("isCardError", () => {
  it("recognises the SDK's card errors, also from another copy of the SDK (by type), and nothing else", () => {
    expect(isCardError(new Stripe.errors.StripeCardError({ message: "Your card was declined.", type: "card_error" }))).toBe(true);
    const otherCopy = Object.assign(new Error("Your card was declined."), { type: "StripeCardError" });
    expect(isCardError(otherCopy)).toBe(true);
    expect(isCardError(new Stripe.errors.StripeAPIError({ message: "boom", type: "api_error" }))).toBe(false);
    expect(isCardError(new Error("socket hang up"))).toBe(false);
    expect(isCardError(null)).toBe(false);
  });
});
