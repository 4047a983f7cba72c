import { describe, expect, it } from "vitest";
import type { PriceModel } from "./price-model";
import { RunningCharge } from "./running-charge";

describe("RunningCharge", () => {
  const tokens: PriceModel = { kind: "per_unit", unitPrice: "0.0000025" }; // $2.50 per 1M tokens

  it("debits whole cents as sub-cent token charges add up, and 1M tokens cost exactly $2.50", () => {
    const charge = new RunningCharge(tokens, "USD");
    const debits: bigint[] = [];
    for (let i = 0; i < 1000; i++) debits.push(charge.add("1000").debitMinor); // $0.0025 each
    // totals 0.25¢ 0.5¢ 0.75¢ 1¢ 1.25¢ 1.5¢ round half-even to 0 0 1 1 1 2, so the debits are:
    expect(debits.slice(0, 6)).toEqual([0n, 0n, 1n, 0n, 0n, 1n]);
    expect(debits.reduce((a, b) => a + b, 0n)).toBe(250n);
    expect(charge.chargedMinor).toBe(250n);
    expect(charge.amountSoFar.toString()).toBe("2.5");
    expect(charge.usageSoFar.toString()).toBe("1000000");
  });

  it("returns the unrounded amount of each increment", () => {
    const charge = new RunningCharge(tokens, "USD");
    const rated = charge.add("3");
    expect([rated.amount.toString(), rated.debitMinor, rated.usageAfter.toString()]).toEqual(["0.0000075", 0n, "3"]);
  });

  it("resumes a period from its usage and what was already debited", () => {
    const first = new RunningCharge(tokens, "USD");
    for (let i = 0; i < 7; i++) first.add("1000");
    const resumed = new RunningCharge(tokens, "USD", { usage: first.usageSoFar, chargedMinor: first.chargedMinor });
    const straight = new RunningCharge(tokens, "USD");
    for (let i = 0; i < 7; i++) straight.add("1000");
    for (let i = 0; i < 5; i++) expect(resumed.add("1000").debitMinor).toBe(straight.add("1000").debitMinor);
    expect(resumed.chargedMinor).toBe(3n); // round(12 × 0.25¢ = 3¢)
  });

  it("rounds to the currency's minor unit (JPY has none)", () => {
    const charge = new RunningCharge({ kind: "per_unit", unitPrice: "0.3" }, "JPY");
    expect([1, 2, 3, 4, 5].map(() => charge.add("1").debitMinor)).toEqual([0n, 1n, 0n, 0n, 1n]); // ¥0.3 0.6 0.9 1.2 1.5
  });

  it("credits back when volume pricing drops the total into a cheaper tier", () => {
    // Stripe legacy volume tiers (https://stripe.com/docs/billing/subscriptions/tiers): 5 units $25, 6 units $24.
    const model: PriceModel = { kind: "volume", tiers: [{ upTo: "5", unitPrice: "5" }, { upTo: null, unitPrice: "4" }] };
    const charge = new RunningCharge(model, "USD");
    expect(charge.add("5").debitMinor).toBe(2500n);
    expect(charge.add("1").debitMinor).toBe(-100n);
    expect(charge.chargedMinor).toBe(2400n);
  });

  it("charges nothing for free units, then only above them", () => {
    const charge = new RunningCharge({ kind: "per_unit", unitPrice: "1", includedUnits: "10" }, "USD");
    expect(charge.add("10").debitMinor).toBe(0n);
    expect(charge.add("2").debitMinor).toBe(200n);
  });
});
