import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatClock, formatDateTime, formatDay, formatDayClock, formatDayMonth, formatMonth, formatTime, formatTimestamp } from "./format-date";

describe("the one date formatter: UTC, English, the same on every machine", () => {
  const t = new Date("2026-01-05T23:07:09.500Z");

  it.each([
    [formatDay(t), "Jan 5, 2026"],
    [formatDayMonth(t), "Jan 5"],
    [formatMonth(t), "Jan 2026"],
    [formatMonth(t, { shortYear: true }), "Jan 26"],
    [formatClock(t), "23:07"],
    [formatTime(t), "23:07:09 UTC"],
    [formatDayClock(t), "Jan 5, 23:07"],
    [formatDateTime(t), "Jan 5, 2026, 23:07 UTC"],
    [formatDateTime(t, { seconds: true }), "Jan 5, 2026, 23:07:09 UTC"],
    [formatTimestamp(t), "2026-01-05 23:07 UTC"],
    [formatTimestamp("2026-12-31T00:00:00Z", { seconds: true }), "2026-12-31 00:00:00 UTC"],
    [formatDay(Date.UTC(2027, 1, 28)), "Feb 28, 2027"],
  ])("%s = %s", (got, want) => {
    expect(got).toBe(want);
  });

  it("agrees with Intl's en-US UTC rendering of the day for any instant (the time zone never leaks in)", () => {
    const intl = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(formatDay(ms)).toBe(intl.format(ms));
        expect(formatTimestamp(ms, { seconds: true })).toBe(`${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`);
      }),
    );
  });
});
