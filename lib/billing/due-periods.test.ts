import { describe, expect, it } from "vitest";
import { duePeriods, type BillableSubscription } from "./due-periods";

const d = (s: string) => new Date(s);
const sub = (o: Partial<BillableSubscription>): BillableSubscription => ({
  id: "s",
  customerId: "c",
  anchorAt: d("2026-01-31T10:00:00Z"),
  startedAt: d("2026-01-31T10:00:00Z"),
  endsAt: null,
  billedThrough: null,
  interval: "MONTH",
  ...o,
});
const iso = (ps: { start: Date; end: Date }[]) => ps.map((p) => [p.start.toISOString(), p.end.toISOString()]);

describe("duePeriods", () => {
  it("lists every ended period not yet billed, oldest first, following the anchor's clamped days", () => {
    expect(iso(duePeriods(sub({}), d("2026-04-01T00:00:00Z")))).toEqual([
      ["2026-01-31T10:00:00.000Z", "2026-02-28T10:00:00.000Z"],
      ["2026-02-28T10:00:00.000Z", "2026-03-31T10:00:00.000Z"],
    ]);
  });

  it("lists nothing before a period ends, and a period exactly at its end", () => {
    expect(duePeriods(sub({}), d("2026-02-28T09:59:59.999Z"))).toEqual([]);
    expect(iso(duePeriods(sub({}), d("2026-02-28T10:00:00Z")))).toHaveLength(1);
  });

  it("starts after billedThrough", () => {
    expect(
      iso(duePeriods(sub({ billedThrough: d("2026-02-28T10:00:00Z") }), d("2026-04-01T00:00:00Z"))),
    ).toEqual([["2026-02-28T10:00:00.000Z", "2026-03-31T10:00:00.000Z"]]);
  });

  it("includes the period a subscription ended in, and none after it", () => {
    const ended = sub({ endsAt: d("2026-03-10T00:00:00Z") });
    expect(iso(duePeriods(ended, d("2026-06-01T00:00:00Z")))).toEqual([
      ["2026-01-31T10:00:00.000Z", "2026-02-28T10:00:00.000Z"],
      ["2026-02-28T10:00:00.000Z", "2026-03-31T10:00:00.000Z"],
    ]);
    expect(
      duePeriods(
        sub({ endsAt: d("2026-02-28T10:00:00Z"), billedThrough: d("2026-02-28T10:00:00Z") }),
        d("2026-06-01T00:00:00Z"),
      ),
    ).toEqual([]);
  });

  it("bills a subscription that started mid-period (an upgrade) for the period holding its start", () => {
    expect(iso(duePeriods(sub({ startedAt: d("2026-02-10T00:00:00Z") }), d("2026-03-01T00:00:00Z")))).toEqual(
      [["2026-01-31T10:00:00.000Z", "2026-02-28T10:00:00.000Z"]],
    );
  });
});
