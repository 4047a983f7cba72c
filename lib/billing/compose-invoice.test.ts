import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeInvoice } from "./compose-invoice";
import type { PeriodSubscription } from "./invoice-types";

const start = new Date("2026-03-01T00:00:00Z");
const end = new Date("2026-04-01T00:00:00Z");
const tokens = {
  meterId: "m-tok",
  priceModel: { kind: "per_unit", unitPrice: "0.001" },
  meter: { key: "tok", name: "Tokens", unit: "tokens" },
};

function sub(o: Partial<PeriodSubscription> & { fee?: bigint; minimum?: bigint } = {}): PeriodSubscription {
  return {
    id: o.id ?? "s1",
    startedAt: o.startedAt ?? start,
    endsAt: o.endsAt ?? null,
    trialEndsAt: o.trialEndsAt ?? null,
    version: {
      planName: "Pro",
      number: 1,
      interval: "MONTH",
      baseFeeMinor: o.fee ?? 3100n,
      minimumSpendMinor: o.minimum ?? 0n,
      prices: [tokens],
    },
    charges: o.charges ?? [],
    creditedMinor: o.creditedMinor ?? 0n,
    creditGrants: o.creditGrants ?? [],
  };
}
const compose = (subscriptions: PeriodSubscription[]) =>
  composeInvoice({ currency: "USD", periodStart: start, periodEnd: end, subscriptions });

describe("composeInvoice", () => {
  it("charges the whole base fee for the whole period and each meter's charge rounded once", () => {
    const inv = compose([sub({ charges: [{ meterId: "m-tok", quantity: "1234.5", amount: "1.2345" }] })]);
    expect(inv.lines.map((l) => [l.kind, l.description, l.amountExact, l.amountMinor])).toEqual([
      ["BASE_FEE", "Pro (v1) base fee, Mar 1, 2026 – Apr 1, 2026", "31", 3100n],
      ["USAGE", "Tokens: 1,234.5 tokens", "1.2345", 123n],
    ]);
    expect(inv).toMatchObject({ totalMinor: 3223n, creditsMinor: 0n, amountDueMinor: 3223n });
  });

  it("prorates the base fee to the seconds a subscription was in force", () => {
    // In force for 10 of the period's 31 days: $31.00 x 10/31 = $10.00.
    const inv = compose([sub({ endsAt: new Date("2026-03-11T00:00:00Z") })]);
    expect(inv.lines[0]).toMatchObject({
      amountMinor: 1000n,
      description: "Pro (v1) base fee, Mar 1, 2026 – Mar 11, 2026, prorated",
    });
    expect(inv.lines[0].details).toMatchObject({
      coveredSeconds: 10 * 86400,
      periodSeconds: 31 * 86400,
      prorated: true,
    });
  });

  it("charges no base fee for a period inside the trial", () => {
    const inv = compose([sub({ trialEndsAt: end })]);
    expect(inv.lines[0]).toMatchObject({
      kind: "BASE_FEE",
      amountMinor: 0n,
      description: expect.stringMatching(/, trial$/),
    });
  });

  it("tops up to the minimum spend of the version in force at the end, then applies credits to no more than the total", () => {
    const inv = compose([sub({ fee: 1000n, minimum: 5000n, creditedMinor: 9999n })]);
    expect(inv.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ["BASE_FEE", 1000n],
      ["USAGE", 0n],
      ["MINIMUM_SPEND", 4000n],
      ["CREDITS_APPLIED", -5000n],
    ]);
    expect(inv).toMatchObject({ totalMinor: 5000n, creditsMinor: 5000n, amountDueMinor: 0n });
  });

  it("says which grants paid the credits applied, across subscriptions, and cuts the newest grants' parts when credits exceed the total", () => {
    const trial = { grantId: "g-trial", kind: "TRIAL", description: "Trial credits", amountMinor: 1500n };
    const pack = { grantId: "g-pack", kind: "PURCHASE", description: "Starter pack", amountMinor: 2000n };
    const inv = compose([
      sub({
        id: "a",
        fee: 1000n,
        creditedMinor: 1500n,
        creditGrants: [trial],
        endsAt: new Date("2026-03-16T12:00:00Z"),
      }),
      sub({
        id: "b",
        fee: 2000n,
        creditedMinor: 2500n,
        creditGrants: [{ ...trial, amountMinor: 500n }, pack],
        startedAt: new Date("2026-03-16T12:00:00Z"),
      }),
    ]);
    // Base fees: 1000 x 15.5/31 = 500 and 2000 x 15.5/31 = 1000; credits 4000 are cut to the total 1500.
    expect(inv.totalMinor).toBe(1500n);
    const credits = inv.lines.find((l) => l.kind === "CREDITS_APPLIED")!;
    expect(credits.amountMinor).toBe(-1500n);
    expect(credits.details).toEqual({
      grants: [{ grantId: "g-trial", kind: "TRIAL", description: "Trial credits", amountMinor: "1500" }],
    });

    const untracked = compose([sub({ fee: 5000n, creditedMinor: 3000n, creditGrants: [pack] })]);
    expect(untracked.lines.at(-1)!.details).toEqual({
      grants: [
        { grantId: "g-pack", kind: "PURCHASE", description: "Starter pack", amountMinor: "2000" },
        {
          grantId: null,
          kind: "UNTRACKED",
          description: "Credits burned before grants were tracked per period",
          amountMinor: "1000",
        },
      ],
    });
  });

  it("property: the lines add up to the total, the due amount is the total less credits, and a split period's base fees add up to the fee within a cent", () => {
    const second = 1000;
    const span = (end.getTime() - start.getTime()) / second;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: span - 1 }),
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 2 }),
        fc.bigInt({ min: 0n, max: 20_000n }),
        (splitAt, fee, qty, credited) => {
          const at = new Date(start.getTime() + splitAt * second);
          const charges = (n: number | undefined) =>
            n === undefined ? [] : [{ meterId: "m-tok", quantity: String(n), amount: String(n / 1000) }];
          const inv = compose([
            sub({ id: "a", fee, endsAt: at, charges: charges(qty[0]), creditedMinor: credited }),
            sub({ id: "b", fee, startedAt: at, charges: charges(qty[1]) }),
          ]);
          const charged = inv.lines
            .filter((l) => l.kind !== "CREDITS_APPLIED")
            .reduce((s, l) => s + l.amountMinor, 0n);
          expect(charged).toBe(inv.totalMinor);
          expect(inv.amountDueMinor).toBe(inv.totalMinor - inv.creditsMinor);
          expect(inv.amountDueMinor >= 0n).toBe(true);
          const base = inv.lines.filter((l) => l.kind === "BASE_FEE").reduce((s, l) => s + l.amountMinor, 0n);
          expect(base - fee <= 1n && fee - base <= 1n).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
