import { describe, expect, it } from "vitest";
import { usageSeries, type AggregateRow } from "./usage-series";
import { periodsBetween } from "./usage-periods";

const d = (s: string) => new Date(s);

describe("usageSeries", () => {
  const q = { from: d("2026-03-01T00:00:00Z"), to: d("2026-03-03T00:00:00Z"), granularity: "day" as const, aggregation: "SUM" as const, grouped: true };

  it("fills empty periods, normalizes decimals, orders groups by total", () => {
    const rows: AggregateRow[] = [
      { period: d("2026-03-02T00:00:00Z"), grp: "b", level: 0, value: "2.500000000000" },
      { period: d("2026-03-02T00:00:00Z"), grp: null, level: 0, value: "7" },
      { period: d("2026-03-02T00:00:00Z"), grp: null, level: 1, value: "9.5" },
      { period: null, grp: "b", level: 2, value: "2.5" },
      { period: null, grp: null, level: 2, value: "7" },
      { period: null, grp: null, level: 3, value: "9.500000000000" },
    ];
    expect(usageSeries(rows, q)).toEqual({
      buckets: [
        { start: "2026-03-01T00:00:00.000Z", end: "2026-03-02T00:00:00.000Z", total: "0", groups: [] },
        {
          start: "2026-03-02T00:00:00.000Z",
          end: "2026-03-03T00:00:00.000Z",
          total: "9.5",
          groups: [
            { group: "b", value: "2.5" },
            { group: null, value: "7" },
          ],
        },
      ],
      groups: [
        { group: null, total: "7" },
        { group: "b", total: "2.5" },
      ],
      total: "9.5",
    });
  });

  it("reads empty MAX and LATEST as null and ignores group rows when ungrouped", () => {
    const rows: AggregateRow[] = [
      { period: null, grp: null, level: 2, value: null },
      { period: null, grp: null, level: 3, value: null },
    ];
    const s = usageSeries(rows, { ...q, aggregation: "MAX", grouped: false });
    expect(s.total).toBeNull();
    expect(s.groups).toEqual([]);
    expect(s.buckets.map((b) => b.total)).toEqual([null, null]);
  });
});

describe("periodsBetween", () => {
  it("clips the first and last month to the range", () => {
    expect(periodsBetween(d("2026-01-31T22:00:00Z"), d("2026-03-01T05:00:00Z"), "month").map((p) => [p.period.toISOString(), p.start.toISOString(), p.end.toISOString()])).toEqual([
      ["2026-01-01T00:00:00.000Z", "2026-01-31T22:00:00.000Z", "2026-02-01T00:00:00.000Z"],
      ["2026-02-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"],
      ["2026-03-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "2026-03-01T05:00:00.000Z"],
    ]);
  });

  it("gives one hour per hour and one day per UTC day", () => {
    expect(periodsBetween(d("2026-03-01T00:00:00Z"), d("2026-03-02T00:00:00Z"), "hour")).toHaveLength(24);
    expect(periodsBetween(d("2026-02-27T12:00:00Z"), d("2026-03-02T01:00:00Z"), "day")).toHaveLength(4);
  });
});
