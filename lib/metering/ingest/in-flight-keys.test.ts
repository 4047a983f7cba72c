import { describe, expect, it } from "vitest";
import { InFlightKeys } from "./in-flight-keys";

describe("InFlightKeys", () => {
  it("gives each key to the first claim and tells later claims when its holder ends", async () => {
    const keys = new InFlightKeys();
    const a = keys.claim(["x", "y"]);
    expect(a.mine).toEqual([true, true]);
    expect(a.others).toBeNull();
    const b = keys.claim(["y", "z"]);
    expect(b.mine).toEqual([false, true]);
    expect(keys.size).toBe(3);
    a.release(true);
    await expect(b.others).resolves.toBe(true);
    expect(keys.size).toBe(1); // z, still b's
    b.release(true);
    expect(keys.size).toBe(0);
  });

  it("says false when a holder rolled back, and frees its keys for the waiter's next claim", async () => {
    const keys = new InFlightKeys();
    const a = keys.claim(["x"]);
    const c = keys.claim(["w"]);
    const b = keys.claim(["x", "w"]);
    a.release(false);
    c.release(true);
    await expect(b.others).resolves.toBe(false);
    const retry = keys.claim(["x", "w"]);
    expect(retry.mine).toEqual([true, true]);
    retry.release(true);
    b.release(false); // b held nothing: releasing it frees no one else's key
    expect(keys.size).toBe(0);
  });

  it("waits only for older claims: a key released and claimed again belongs to the new claim", async () => {
    const keys = new InFlightKeys();
    const a = keys.claim(["x"]);
    a.release(true);
    a.release(false); // a second release changes nothing
    const b = keys.claim(["x"]);
    expect(b.mine).toEqual([true]);
    const c = keys.claim(["x"]);
    let settled = false;
    void c.others!.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    b.release(true);
    await expect(c.others).resolves.toBe(true);
  });
});
