import { describe, expect, it } from "vitest";
import { billingPeriodAt } from "./billing-period";
import { prorateBaseFee } from "./proration";

const period = billingPeriodAt(new Date("2027-04-01T00:00:00.000Z"), "MONTH", new Date("2027-04-10T00:00:00.000Z")); // April: 30 days

describe("base fee proration", () => {
  it("credits the unused old fee and charges the new fee for the seconds left", () => {
    // Half of April left: 15 days of 30.
    const p = prorateBaseFee({ oldFeeMinor: 2000n, newFeeMinor: 10000n, currency: "USD", period, at: new Date("2027-04-16T00:00:00.000Z") });
    expect(p).toEqual({ periodSeconds: 30 * 86400, remainingSeconds: 15 * 86400, creditMinor: 1000n, chargeMinor: 5000n, netMinor: 4000n });
  });

  it("counts whole seconds: a started second is used", () => {
    const p = prorateBaseFee({ oldFeeMinor: 0n, newFeeMinor: 2_592_000n, currency: "USD", period, at: new Date("2027-04-30T23:59:58.500Z") });
    // 1.5 s left → 1 whole second; the fee is one cent per second of April.
    expect(p.remainingSeconds).toBe(1);
    expect(p.chargeMinor).toBe(1n);
  });

  it("rounds credit and charge once each, half to even", () => {
    // $0.05 over 30 days with 1/4 left = 1.25¢ → 1¢; $0.06 with 1/4 left = 1.5¢ → 2¢; $0.10 with 1/4 = 2.5¢ → 2¢.
    const quarter = new Date(period.end.getTime() - (30 * 86400 * 1000) / 4);
    expect(prorateBaseFee({ oldFeeMinor: 5n, newFeeMinor: 6n, currency: "USD", period, at: quarter })).toMatchObject({ creditMinor: 1n, chargeMinor: 2n, netMinor: 1n });
    expect(prorateBaseFee({ oldFeeMinor: 10n, newFeeMinor: 0n, currency: "USD", period, at: quarter })).toMatchObject({ creditMinor: 2n, chargeMinor: 0n, netMinor: -2n });
  });

  it("is a full credit and charge at the period's start and nothing at its end", () => {
    expect(prorateBaseFee({ oldFeeMinor: 4900n, newFeeMinor: 9900n, currency: "USD", period, at: period.start })).toMatchObject({ creditMinor: 4900n, chargeMinor: 9900n });
    expect(prorateBaseFee({ oldFeeMinor: 4900n, newFeeMinor: 9900n, currency: "USD", period, at: period.end })).toMatchObject({ creditMinor: 0n, chargeMinor: 0n, netMinor: 0n });
  });

  it("prorates nothing during a trial (no base fee was charged)", () => {
    expect(prorateBaseFee({ oldFeeMinor: 4900n, newFeeMinor: 9900n, currency: "USD", period, at: new Date("2027-04-16T00:00:00.000Z"), inTrial: true })).toMatchObject({ creditMinor: 0n, chargeMinor: 0n, netMinor: 0n });
  });

  it("uses the new version's own period when the interval changes, and zero-decimal currencies", () => {
    const at = new Date("2027-04-16T00:00:00.000Z");
    const yearly = billingPeriodAt(new Date("2027-04-01T00:00:00.000Z"), "YEAR", at); // 366 days (Feb 29 2028), 351 left
    const p = prorateBaseFee({ oldFeeMinor: 3000n, newFeeMinor: 36600n, currency: "JPY", period, newPeriod: yearly, at });
    expect(p).toMatchObject({ creditMinor: 1500n, chargeMinor: 35100n, netMinor: 33600n });
  });
});
