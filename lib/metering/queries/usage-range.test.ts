import { describe, expect, it } from "vitest";
import { groupDigits, usageRange } from "./usage-range";

const now = new Date("2026-03-15T23:30:00Z");

describe("usageRange", () => {
  it.each([
    ["today", { from: "2026-03-15T00:00:00.000Z", to: "2026-03-16T00:00:00.000Z" }],
    ["7d", { from: "2026-03-09T00:00:00.000Z", to: "2026-03-16T00:00:00.000Z" }],
    ["month", { from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" }],
  ] as const)("%s", (preset, expected) => {
    expect(usageRange(preset, now)).toEqual(expected);
  });

  it("takes custom dates with the end date included", () => {
    expect(usageRange("custom", now, { from: "2026-02-27", to: "2026-03-01" })).toEqual({ from: "2026-02-27T00:00:00.000Z", to: "2026-03-02T00:00:00.000Z" });
    expect(usageRange("custom", now, { from: "", to: "2026-03-01" })).toBeNull();
    expect(usageRange("custom", now)).toBeNull();
  });
});

describe("groupDigits", () => {
  it.each([
    ["0", "0"],
    ["1234", "1,234"],
    ["-1234567.125", "-1,234,567.125"],
    ["999.0001", "999.0001"],
  ])("%s -> %s", (input, out) => {
    expect(groupDigits(input)).toBe(out);
  });
});
