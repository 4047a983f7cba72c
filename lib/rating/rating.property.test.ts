import type Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CurrencyCode } from "@/lib/money/currencies";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "./price-model";
import { priceQuantity } from "./price-quantity";
import { rateIncrement } from "./rate-increment";
import { RunningCharge } from "./running-charge";
import { anyModel, increment, modelWithPoints, monotoneModel, packageModel, pointIn, quantity, volumeModel } from "./testing/arbitraries";

const price = (model: PriceModel, q: Decimal) => priceQuantity(model, q).amount;
const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), ZERO);
const withoutIncluded = (model: PriceModel): PriceModel => ({ ...model, includedUnits: undefined });
const currency = fc.constantFrom<CurrencyCode>("USD", "EUR", "JPY", "KRW", "KWD");
const RUNS = { numRuns: 300 };

describe("rating properties", () => {
  it("price is monotone non-decreasing in quantity for per-unit, package and graduated", () => {
    fc.assert(
      fc.property(monotoneModel.chain((m) => fc.tuple(fc.constant(m), pointIn(m), pointIn(m))), ([model, a, b]) => {
        const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
        expect(price(model, lo).lte(price(model, hi))).toBe(true);
      }),
      RUNS,
    );
  });

  it("volume price is monotone within a tier (it may drop only when a tier changes)", () => {
    fc.assert(
      fc.property(volumeModel, quantity, quantity, (model, a, b) => {
        const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
        const tierOf = (q: Decimal) => priceQuantity(model, q).lines.find((l) => l.kind === "priced")?.tierIndex;
        if (tierOf(lo) === tierOf(hi)) expect(price(model, lo).lte(price(model, hi))).toBe(true);
      }),
      RUNS,
    );
  });

  it("rateIncrement(u, q) is exactly price(u + q) - price(u), fast paths included", () => {
    fc.assert(
      fc.property(modelWithPoints, ([model, used, end]) => {
        const [from, to] = used.lte(end) ? [used, end] : [end, used];
        const q = to.minus(from);
        expect(rateIncrement(model, from, q).eq(price(model, to).minus(price(model, from)))).toBe(true);
      }),
      RUNS,
    );
  });

  it("the increments of any split sum exactly to the one-shot price", () => {
    fc.assert(
      fc.property(anyModel, fc.array(increment, { maxLength: 40 }), (model, parts) => {
        let used = ZERO;
        let total = ZERO;
        for (const q of parts) {
          total = total.plus(rateIncrement(model, used, q));
          used = used.plus(q);
        }
        expect(total.toString()).toBe(price(model, sum(parts)).toString());
      }),
      RUNS,
    );
  });

  it("free units are never charged: below them the price is 0, above them it is the model on the rest", () => {
    fc.assert(
      fc.property(anyModel, quantity, (model, q) => {
        const included = new MoneyDecimal(model.includedUnits ?? "0");
        if (q.lte(included)) {
          expect(price(model, q).isZero()).toBe(true);
          expect(rateIncrement(model, ZERO, q).isZero()).toBe(true);
        } else {
          expect(price(model, q).eq(price(withoutIncluded(model), q.minus(included)))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("a package price is always a whole number of packages: ceil(billable / size) × packagePrice", () => {
    fc.assert(
      fc.property(packageModel, quantity, (model, q) => {
        const amount = price(model, q);
        const packagePrice = new MoneyDecimal(model.packagePrice);
        const billable = MoneyDecimal.max(q.minus(model.includedUnits ?? "0"), 0);
        const packages = billable.dividedBy(model.packageSize).ceil();
        expect(amount.eq(packages.times(packagePrice))).toBe(true);
        if (!packagePrice.isZero()) expect(amount.mod(packagePrice).isZero()).toBe(true);
      }),
      RUNS,
    );
  });

  it("the breakdown lines cover the quantity and add up to the amount", () => {
    fc.assert(
      fc.property(modelWithPoints, ([model, q]) => {
        const { amount, lines } = priceQuantity(model, q);
        expect(sum(lines.map((l) => l.amount)).eq(amount)).toBe(true);
        expect(sum(lines.map((l) => l.quantity)).eq(q)).toBe(true);
        lines.forEach((l, i) => i > 0 && expect(l.fromUnits.eq(lines[i - 1].toUnits)).toBe(true));
      }),
      RUNS,
    );
  });

  it("running charge: the debits of any split sum exactly to round(price(total)), at every step", () => {
    fc.assert(
      fc.property(anyModel, currency, fc.array(increment, { maxLength: 40 }), (model, cur, parts) => {
        const charge = new RunningCharge(model, cur);
        let debits = 0n;
        let used = ZERO;
        for (const q of parts) {
          debits += charge.add(q).debitMinor;
          used = used.plus(q);
          expect(debits).toBe(toMinorUnits(price(model, used), cur));
        }
        expect(charge.chargedMinor).toBe(debits);
      }),
      RUNS,
    );
  });
});
