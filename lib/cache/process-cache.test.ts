import { describe, expect, it } from "vitest";
import { clearProcessCache, onProcessCacheCleared, processCache } from "./process-cache";

let n = 0;
const fresh = () => `test-cache-${n++}`;

describe("processCache", () => {
  it("returns one cache per name", () => {
    const name = fresh();
    processCache<number>(name, { maxEntries: 10 }).set("a", 1);
    expect(processCache<number>(name, { maxEntries: 10 }).get("a")).toBe(1);
  });

  it("expires entries after the TTL", () => {
    const c = processCache<string>(fresh(), { ttlMs: 100, maxEntries: 10 });
    c.set("k", "v", 1000);
    expect(c.get("k", 1099)).toBe("v");
    expect(c.get("k", 1100)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it("drops expired entries when full, then everything if still full", () => {
    const c = processCache<number>(fresh(), { ttlMs: 100, maxEntries: 2 });
    c.set("old", 1, 0);
    c.set("new", 2, 150);
    c.set("third", 3, 150); // "old" expired: dropped, the others stay
    expect([c.get("new", 150), c.get("third", 150)]).toEqual([2, 3]);
    c.set("fourth", 4, 160); // full of live entries: emptied first
    expect(c.size).toBe(1);
    expect(c.get("fourth", 160)).toBe(4);
  });

  it("clearProcessCache empties the cache, moves its generation on and tells the hooks", () => {
    const name = fresh();
    const c = processCache<number>(name, { maxEntries: 10 });
    const told: string[] = [];
    onProcessCacheCleared((cleared) => told.push(cleared));
    c.set("a", 1);
    const before = c.generation;
    clearProcessCache(name);
    expect(c.get("a")).toBeUndefined();
    expect(c.generation).toBe(before + 1);
    expect(told).toContain(name);
  });
});
