import { describe, expect, it } from "vitest";
import { creditRunwayDays } from "./credit-runway";

describe("creditRunwayDays", () => {
  it("divides the balance by the daily burn of the last days, in whole days", () => {
    // $70 burned in 7 days = $10/day; $125 lasts 12 days (and a half).
    expect(creditRunwayDays(12_500n, 7_000n, 7)).toBe(12);
    expect(creditRunwayDays(0n, 7_000n, 7)).toBe(0);
  });
  it("has no runway without a burn rate", () => {
    expect(creditRunwayDays(12_500n, 0n, 7)).toBeNull();
  });
});
