import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A writeGroup whose calls the test completes by hand, recording each group it was given. */
function manualWriter() {
  const calls: { requests: string[]; finish: (fail?: Error) => void }[] = [];
  const writeGroup = (requests: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({ requests, finish: (fail) => (fail ? reject(fail) : resolve(requests.map((r) => `done:${r}`))) });
    });
  return { calls, writeGroup };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("GroupCommit", () => {
  it("writes a lone request at once and groups those that arrive while it is in flight", async () => {
    const w = manualWriter();
    const gc = new GroupCommit({ writeGroup: w.writeGroup, sizeOf: () => 1, maxGroupSize: 100, writers: 1 });
    const a = gc.submit("a");
    await tick();
    expect(w.calls.map((c) => c.requests)).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map((r) => gc.submit(r));
    await tick();
    expect(w.calls).toHaveLength(1);
    w.calls[0].finish();
    expect(await a).toBe("done:a");
    await tick();
    expect(w.calls.map((c) => c.requests)).toEqual([["a"], ["b", "c", "d"]]);
    w.calls[1].finish();
    expect(await Promise.all(rest)).toEqual(["done:b", "done:c", "done:d"]);
    expect(gc.stats).toMatchObject({ groups: 2, requests: 4, units: 4, failedGroups: 0 });
  });

  it("never resolves a request before its group's write has finished", async () => {
    const w = manualWriter();
    const gc = new GroupCommit({ writeGroup: w.writeGroup, sizeOf: () => 1, maxGroupSize: 100, writers: 1 });
    let settled = false;
    void gc.submit("a").then(() => (settled = true));
    for (let i = 0; i < 5; i++) await tick();
    expect(settled).toBe(false);
    w.calls[0].finish();
    await tick();
    expect(settled).toBe(true);
  });

  it("caps a group by size but always takes at least one request", async () => {
    const w = manualWriter();
    const sizes: Record<string, number> = { a: 1, b: 3, c: 3, d: 10, e: 1 };
    const gc = new GroupCommit({ writeGroup: w.writeGroup, sizeOf: (r: string) => sizes[r], maxGroupSize: 6, writers: 1 });
    const all = ["a", "b", "c", "d", "e"].map((r) => gc.submit(r));
    for (let i = 0; i < 4; i++) {
      await tick();
      w.calls[i].finish();
    }
    await Promise.all(all);
    expect(w.calls.map((c) => c.requests)).toEqual([["a"], ["b", "c"], ["d"], ["e"]]);
  });

  it("runs up to `writers` groups at once", async () => {
    const w = manualWriter();
    const gc = new GroupCommit({ writeGroup: w.writeGroup, sizeOf: () => 1, maxGroupSize: 100, writers: 2 });
    const all = ["a", "b", "c", "d"].map((r) => gc.submit(r));
    await tick();
    expect(w.calls.map((c) => c.requests)).toEqual([["a"], ["b"]]);
    w.calls[1].finish();
    await tick();
    expect(w.calls.map((c) => c.requests)).toEqual([["a"], ["b"], ["c", "d"]]);
    w.calls[0].finish();
    w.calls[2].finish();
    expect(await Promise.all(all)).toEqual(["done:a", "done:b", "done:c", "done:d"]);
  });

  it("starts another writer only when enough units wait", async () => {
    const w = manualWriter();
    const gc = new GroupCommit({ writeGroup: w.writeGroup, sizeOf: (r: string) => r.length, maxGroupSize: 100, writers: 2, backlogForAnotherWriter: 5 });
    const all = [gc.submit("a"), gc.submit("bb"), gc.submit("cc")];
    await tick();
    expect(w.calls.map((c) => c.requests)).toEqual([["a"]]);
    all.push(gc.submit("d"));
    await tick();
    expect(w.calls.map((c) => c.requests)).toEqual([["a"], ["bb", "cc", "d"]]);
    w.calls[0].finish();
    w.calls[1].finish();
    expect(await Promise.all(all)).toEqual(["done:a", "done:bb", "done:cc", "done:d"]);
  });

  it("after a failed group writes each request alone, so only the guilty one fails", async () => {
    const written: string[][] = [];
    const gc = new GroupCommit({
      writers: 1,
      maxGroupSize: 100,
      sizeOf: () => 1,
      writeGroup: async (requests: string[]) => {
        written.push(requests);
        await tick();
        if (requests.includes("bad")) throw new Error("numeric field overflow");
        return requests.map((r) => `done:${r}`);
      },
    });
    const first = gc.submit("first");
    const later = ["x", "bad", "y"].map((r) => gc.submit(r).then((v) => ({ ok: v }), (e: Error) => ({ failed: e.message })));
    expect(await first).toBe("done:first");
    expect(await Promise.all(later)).toEqual([{ ok: "done:x" }, { failed: "numeric field overflow" }, { ok: "done:y" }]);
    expect(written).toEqual([["first"], ["x", "bad", "y"], ["x"], ["bad"], ["y"]]);
    expect(gc.stats.failedGroups).toBe(1);
  });

  it("fails every request of a group whose writer returns the wrong number of results", async () => {
    const c = new GroupCommit({ writers: 1, maxGroupSize: 100, sizeOf: () => 1, writeGroup: async (r: string[]) => r.slice(1) });
    const [x, y] = [c.submit("x"), c.submit("y")];
    await expect(x).rejects.toThrow(/returned 0 results for 1 request/);
    await expect(y).rejects.toThrow(/returned 0 results for 1 request/);
  });
});
