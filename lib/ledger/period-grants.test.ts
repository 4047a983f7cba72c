import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pairPeriodGrants } from "./period-grants";

const p1 = new Date("2026-03-01T00:00:00Z");
const p2 = new Date("2026-04-01T00:00:00Z");

describe("pairPeriodGrants", () => {
  it("fills the periods in order from the grants in burn order", () => {
    const pairs = pairPeriodGrants(
      [
        { subscriptionId: "s", periodStart: p1, amountMinor: 300n },
        { subscriptionId: "s", periodStart: p2, amountMinor: 200n },
      ],
      [
        { grantId: "a", amountMinor: -250n },
        { grantId: "b", amountMinor: -250n },
      ],
    );
    expect(pairs.map((x) => [x.periodStart.getUTCMonth(), x.grantId, x.amountMinor])).toEqual([
      [2, "a", 250n],
      [2, "b", 50n],
      [3, "b", 200n],
    ]);
  });

  it("refuses a burn whose grants hold less than its periods were credited", () => {
    expect(() =>
      pairPeriodGrants(
        [{ subscriptionId: "s", periodStart: p1, amountMinor: 10n }],
        [{ grantId: "a", amountMinor: -9n }],
      ),
    ).toThrow(RangeError);
  });

  it("property: each period gets exactly its credit, each grant gives exactly what it lost", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10_000n }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.bigInt({ min: 1n, max: 10_000n }), { minLength: 1, maxLength: 6 }),
        (periodAmounts, grantAmounts) => {
          const total = periodAmounts.reduce((a, b) => a + b, 0n);
          // Grants cover the total exactly: the last one takes what is left (or the list is trimmed).
          const movements: { grantId: string; amountMinor: bigint }[] = [];
          let left = total;
          for (const [i, g] of grantAmounts.entries()) {
            if (left === 0n) break;
            const take = i === grantAmounts.length - 1 || g > left ? left : g;
            movements.push({ grantId: `g${i}`, amountMinor: -take });
            left -= take;
          }
          const periods = periodAmounts.map((a, i) => ({
            subscriptionId: `s${i}`,
            periodStart: p1,
            amountMinor: a,
          }));
          const pairs = pairPeriodGrants(periods, movements);
          for (const p of periods)
            expect(
              pairs
                .filter((x) => x.subscriptionId === p.subscriptionId)
                .reduce((s, x) => s + x.amountMinor, 0n),
            ).toBe(p.amountMinor);
          for (const m of movements)
            expect(pairs.filter((x) => x.grantId === m.grantId).reduce((s, x) => s + x.amountMinor, 0n)).toBe(
              -m.amountMinor,
            );
        },
      ),
    );
  });
});
