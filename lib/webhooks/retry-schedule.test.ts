import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextAttemptAt, parseRetryAfter, RETRY_DELAYS_MS } from "./retry-schedule";

const t0 = new Date("2026-12-01T00:00:00Z");
const after = (attempt: number, random: number, retryAfterMs?: number) => nextAttemptAt(t0, attempt, { random, retryAfterMs })!.getTime() - t0.getTime();

describe("retry schedule", () => {
  it("follows the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h", () => {
    const m = 60_000;
    const h = 60 * m;
    expect(RETRY_DELAYS_MS).toEqual([5_000, 5 * m, 30 * m, 2 * h, 5 * h, 10 * h, 14 * h, 20 * h, 24 * h]);
    expect(MAX_ATTEMPTS).toBe(10);
    expect(RETRY_DELAYS_MS.map((_, i) => after(i + 1, 0.5))).toEqual([...RETRY_DELAYS_MS]);
  });

  it("jitters each delay by at most 10% either way", () => {
    expect(after(2, 0)).toBe(0.9 * 5 * 60_000);
    expect(after(2, 0.999999)).toBeLessThanOrEqual(1.1 * 5 * 60_000);
    expect(after(2, 0.999999)).toBeGreaterThan(1.09 * 5 * 60_000);
  });

  it("gives up after the tenth attempt", () => {
    expect(nextAttemptAt(t0, 9, { random: 0.5 })).not.toBeNull();
    expect(nextAttemptAt(t0, 10, { random: 0.5 })).toBeNull();
  });

  it("waits at least as long as Retry-After, at most a day", () => {
    expect(after(1, 0.5, 120_000)).toBe(120_000);
    expect(after(3, 0.5, 1_000)).toBe(30 * 60_000);
    expect(after(1, 0.5, 7 * 24 * 3_600_000)).toBe(24 * 3_600_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("120", t0)).toBe(120_000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 00:02:00 GMT", t0)).toBe(120_000);
    expect(parseRetryAfter("soon", t0)).toBeNull();
    expect(parseRetryAfter(null, t0)).toBeNull();
  });
});
