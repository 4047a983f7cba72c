import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateBurn, compareBurnOrder, type BurnableGrant } from "./burn-order";

const day = (n: number) => new Date(Date.UTC(2027, 0, 1 + n));
const grant = (id: string, remaining: bigint, over: Partial<BurnableGrant> = {}): BurnableGrant => ({ id, remainingMinor: remaining, priority: 100, expiresAt: null, createdAt: day(0), ...over });

describe("burn order", () => {
  it.each([
    ["soonest expiry first, never-expiring last", [grant("never", 100n), grant("late", 100n, { expiresAt: day(30) }), grant("soon", 100n, { expiresAt: day(3) })], ["soon", "late", "never"]],
    ["then the lower priority number", [grant("paid", 100n, { priority: 100 }), grant("promo", 100n, { priority: 20 }), grant("trial", 100n, { priority: 10 })], ["trial", "promo", "paid"]],
    ["then the oldest", [grant("new", 100n, { createdAt: day(2) }), grant("old", 100n, { createdAt: day(1) })], ["old", "new"]],
    ["expiry beats priority", [grant("urgent-paid", 100n, { expiresAt: day(1), priority: 100 }), grant("promo", 100n, { expiresAt: day(9), priority: 1 })], ["urgent-paid", "promo"]],
  ])("%s", (_, grants, order) => {
    expect([...grants].sort(compareBurnOrder).map((g) => g.id)).toEqual(order);
  });

  it("empties each grant before touching the next and takes exactly the amount", () => {
    const grants = [grant("b", 50n, { expiresAt: day(5) }), grant("a", 30n, { expiresAt: day(2) }), grant("c", 1000n)];
    expect(allocateBurn(grants, 100n)).toEqual([
      { grantId: "a", amountMinor: -30n },
      { grantId: "b", amountMinor: -50n },
      { grantId: "c", amountMinor: -20n },
    ]);
    expect(allocateBurn(grants, 0n)).toEqual([]);
  });

  it("refuses to burn more than the grants hold (never a partial burn)", () => {
    expect(() => allocateBurn([grant("a", 10n)], 11n)).toThrow(/hold 10 but 11/);
  });

  it("conserves: movements sum to the amount, no grant goes below zero, and only the last grant used is left partly full", () => {
    const arb = fc.array(
      fc.record({ remaining: fc.bigInt({ min: 0n, max: 10_000n }), priority: fc.integer({ min: 0, max: 3 }), expires: fc.option(fc.integer({ min: 0, max: 5 })), created: fc.integer({ min: 0, max: 5 }) }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, fc.nat(), (specs, pick) => {
        const grants = specs.map((s, i) => grant(`g${i}`, s.remaining, { priority: s.priority, expiresAt: s.expires === null ? null : day(s.expires), createdAt: day(s.created) }));
        const total = grants.reduce((sum, g) => sum + g.remainingMinor, 0n);
        const amount = total === 0n ? 0n : BigInt(pick) % (total + 1n);
        const moves = allocateBurn(grants, amount);
        expect(moves.reduce((sum, m) => sum - m.amountMinor, 0n)).toBe(amount);
        const byId = new Map(grants.map((g) => [g.id, g]));
        for (const m of moves) expect(byId.get(m.grantId)!.remainingMinor + m.amountMinor >= 0n).toBe(true);
        moves.slice(0, -1).forEach((m) => expect(-m.amountMinor).toBe(byId.get(m.grantId)!.remainingMinor));
        const used = moves.map((m) => byId.get(m.grantId)!);
        for (let i = 1; i < used.length; i++) expect(compareBurnOrder(used[i - 1], used[i])).toBeLessThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
