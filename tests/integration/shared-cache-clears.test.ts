import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCache } from "@/lib/cache/process-cache";
import { CACHE_CLEARED_CHANNEL, clearSharedCache, hearSharedCacheClears } from "@/lib/cache/shared-cache-clears";
import { prisma } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { ACTIVE_METERS_CACHE } from "@/lib/metering/meters/active-meters-cache";

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Another instance's view: its own connection, LISTENing on the channel. */
let other: pg.Client;
const heardByOther: string[] = [];

beforeAll(async () => {
  other = new pg.Client({ connectionString: env().DATABASE_URL });
  await other.connect();
  other.on("notification", (n) => n.channel === CACHE_CLEARED_CHANNEL && heardByOther.push(n.payload ?? ""));
  await other.query(`LISTEN ${CACHE_CLEARED_CHANNEL}`);
});
afterAll(() => other.end());

describe("process caches are cleared in every instance", () => {
  it("empties this process's cache when another instance says so", async () => {
    hearSharedCacheClears();
    await until(hearSharedCacheClears, "the cache-clear listener");
    const meters = processCache<string[]>(ACTIVE_METERS_CACHE, { ttlMs: 2000, maxEntries: 10_000 });
    meters.set("some_type", ["cached"]);
    const before = meters.generation;
    // Another instance archived a meter: it notifies; nothing here touched the cache.
    await other.query("SELECT pg_notify($1, $2)", [CACHE_CLEARED_CHANNEL, ACTIVE_METERS_CACHE]);
    await until(() => meters.generation > before, "the cache to be emptied", 2000);
    expect(meters.get("some_type")).toBeUndefined();
  });

  it("tells the other instances when this one clears a cache", async () => {
    const from = heardByOther.length;
    await clearSharedCache(ACTIVE_METERS_CACHE);
    await until(() => heardByOther.length > from, "the other instance to hear it", 2000);
    expect(heardByOther.slice(from)).toContain(ACTIVE_METERS_CACHE);
  });

  it("tells them at the commit of the change's transaction, and not at all if it rolls back", async () => {
    const name = `rollback-${Date.now()}`;
    await expect(
      prisma.$transaction(async (tx) => {
        await clearSharedCache(name, prismaSql(tx));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const committed = `commit-${Date.now()}`;
    await prisma.$transaction(async (tx) => clearSharedCache(committed, prismaSql(tx)));
    await until(() => heardByOther.includes(committed), "the committed clear", 2000);
    expect(heardByOther).not.toContain(name);
  });
});
