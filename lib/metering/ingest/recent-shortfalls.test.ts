import { describe, expect, it } from "vitest";
import { RecentShortfalls } from "./recent-shortfalls";

describe("RecentShortfalls", () => {
  it("remembers a short customer for its time, then forgets it", () => {
    const s = new RecentShortfalls(1000);
    expect(s.anyOf(["a", "b"], 0)).toBe(false);
    s.note("b", 0);
    expect(s.anyOf(["a"], 500)).toBe(false);
    expect(s.anyOf(["a", "b"], 999)).toBe(true);
    expect(s.anyOf(["b"], 1000)).toBe(false);
    s.note("b", 2000);
    expect(s.anyOf(new Set(["b"]), 2500)).toBe(true);
  });

  it("drops expired customers once it holds many", () => {
    const s = new RecentShortfalls(10);
    for (let i = 0; i < 10_000; i++) s.note(`c${i}`, 0);
    s.note("late", 100);
    expect(s.anyOf(["c1", "c9999"], 100)).toBe(false);
    expect(s.anyOf(["late"], 105)).toBe(true);
  });
});
