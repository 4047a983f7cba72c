import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CurrencyCode } from "./currencies";
import { MoneyDecimal, ZERO } from "./decimal";
import { RemainderCarry, carryRemainder } from "./remainder-carry";
import { toMinorUnits } from "./round";

describe("carryRemainder", () => {
  it("charges round(total) minus what was already charged", () => {
    expect(carryRemainder("0.0075", 0n, "USD")).toBe(1n);
    expect(carryRemainder("0.0125", 1n, "USD")).toBe(0n); // round(1.25¢) = 1¢ (half-even)
    expect(carryRemainder("0.0251", 1n, "USD")).toBe(2n);
    expect(carryRemainder("0.01", 3n, "USD")).toBe(-2n); // total went down: a credit
    expect(carryRemainder("1500.5", 1000n, "JPY")).toBe(500n);
  });
});

describe("RemainderCarry", () => {
  it("charges nothing for sub-cent debits until they add up, and never leaks", () => {
    const carry = new RemainderCarry("USD");
    let total = ZERO;
    const charges: bigint[] = [];
    for (let i = 0; i < 10; i++) {
      total = total.plus("0.004");
      charges.push(carry.chargeFor(total));
    }
    // running totals 0.4¢ 0.8¢ 1.2¢ 1.6¢ 2.0¢ 2.4¢ 2.8¢ 3.2¢ 3.6¢ 4.0¢
    expect(charges).toEqual([0n, 1n, 0n, 1n, 0n, 0n, 1n, 0n, 1n, 0n]);
    expect(carry.chargedMinor).toBe(4n);
  });

  it("a million debits of $0.000001 charge exactly $1.00", () => {
    const carry = new RemainderCarry("USD");
    const step = new MoneyDecimal("0.000001");
    let total = ZERO;
    let sum = 0n;
    for (let i = 0; i < 1_000_000; i++) {
      total = total.plus(step);
      sum += carry.chargeFor(total);
    }
    expect(sum).toBe(100n);
    expect(carry.chargedMinor).toBe(100n);
  });

  it("resumes from an amount already charged", () => {
    const carry = new RemainderCarry("USD", 250n);
    expect(carry.chargeFor("2.5049")).toBe(0n);
    expect(carry.chargeFor("2.5151")).toBe(2n);
    expect(carry.chargedMinor).toBe(252n);
  });

  it("property: for any split, the charges sum to round(final total) and each step to round(its total)", () => {
    const piece = fc.tuple(fc.integer({ min: -500, max: 5000 }), fc.integer({ min: 0, max: 6 })).map(([n, s]) => new MoneyDecimal(n).dividedBy(new MoneyDecimal(10).pow(s)));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom<CurrencyCode>("USD", "JPY", "KWD"), (pieces, currency) => {
        const carry = new RemainderCarry(currency);
        let total = ZERO;
        let sum = 0n;
        for (const p of pieces) {
          total = total.plus(p);
          sum += carry.chargeFor(total);
          expect(sum).toBe(toMinorUnits(total, currency));
        }
        expect(carry.chargedMinor).toBe(toMinorUnits(total, currency));
      }),
    );
  });
});
