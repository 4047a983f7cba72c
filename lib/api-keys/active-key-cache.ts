import "server-only";
import { clearProcessCache, processCache } from "@/lib/cache/process-cache";
import type { KeyRow } from "./find-key-by-hash";
import { onRevocationOrDeafness, revocationsHeard } from "./key-revocations";

/** A backstop only: revocations drop entries at once (key-revocations.ts); this bounds anything unforeseen. */
const TTL_MS = 60_000;
const API_KEYS_CACHE = "active-api-keys";

function cache() {
  const c = processCache<KeyRow>(API_KEYS_CACHE, { ttlMs: TTL_MS, maxEntries: 10_000 });
  if (!hooked.done) {
    hooked.done = true;
    onRevocationOrDeafness(() => forgetApiKeys());
  }
  return c;
}

const globalForHook = globalThis as unknown as { __meterlyKeyCacheHooked?: { done: boolean } };
const hooked = (globalForHook.__meterlyKeyCacheHooked ??= { done: false });

/**
 * Active API keys by hash, so that the public API does not query the key on every request. Used only
 * while this process hears every revocation (revocationsHeard); any revocation heard, here or by another
 * instance, empties it. The cache's generation is read before a lookup and given back with its result:
 * a result that raced with a revocation is not kept.
 */
export function cachedKey(hash: string, now: number): KeyRow | undefined {
  const c = cache();
  const hit = c.get(hash, now);
  if (hit === undefined) return undefined;
  if (revocationsHeard()) return hit;
  c.delete(hash);
  return undefined;
}

export function keyCacheEpoch(): number {
  return cache().generation;
}

export function rememberKey(hash: string, row: KeyRow, epoch: number, now: number): void {
  const c = cache();
  if (row.revoked_at || epoch !== c.generation || !revocationsHeard()) return;
  c.set(hash, row, now);
}

/** Drops every cached key (a key was revoked, or revocations can no longer be heard), in every thread. */
export function forgetApiKeys(): void {
  clearProcessCache(API_KEYS_CACHE);
}
