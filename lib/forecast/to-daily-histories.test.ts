import { describe, expect, it } from "vitest";
import { toDailyHistories } from "./to-daily-histories";

const today = new Date("2026-03-10T00:00:00Z");
const row = (meterId: string, at: string, value: string) => ({ meterId, bucket: new Date(at), value });

describe("toDailyHistories", () => {
  it("adds hours into whole UTC days from the first day any meter was used, zeros included, today left out", () => {
    const h = toDailyHistories(
      [
        row("a", "2026-03-07T05:00:00Z", "1.5"),
        row("a", "2026-03-07T23:00:00Z", "2"),
        row("b", "2026-03-09T00:00:00Z", "7"),
        row("a", "2026-03-10T01:00:00Z", "100"),
      ],
      ["a", "b", "c"],
      today,
    );
    expect(h.get("a")?.firstDay.toISOString()).toBe("2026-03-07T00:00:00.000Z");
    expect(h.get("a")?.totals.map(String)).toEqual(["3.5", "0", "0"]);
    expect(h.get("b")?.totals.map(String)).toEqual(["0", "0", "7"]);
    expect(h.get("c")?.totals.map(String)).toEqual(["0", "0", "0"]);
  });

  it("has no days for a customer that never used a meter", () => {
    const h = toDailyHistories([row("a", "2026-03-10T01:00:00Z", "5")], ["a"], today);
    expect(h.get("a")?.totals).toEqual([]);
  });
});
