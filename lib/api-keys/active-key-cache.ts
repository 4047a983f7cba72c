import "server-only";
import type { KeyRow } from "./find-key-by-hash";
import { onRevocationOrDeafness, revocationsHeard } from "./key-revocations";
import { tellIngestWorker } from "@/lib/ingest-worker/ingest-worker-client";

/** A backstop only: revocations drop entries at once (key-revocations.ts); this bounds anything unforeseen. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

type Cache = { entries: Map<string, { row: KeyRow; expires: number }>; epoch: number };

const globalForCache = globalThis as unknown as { __meterlyKeyCache?: Cache };

function cache(): Cache {
  if (!globalForCache.__meterlyKeyCache) {
    const c: Cache = { entries: new Map(), epoch: 0 };
    globalForCache.__meterlyKeyCache = c;
    onRevocationOrDeafness(() => forgetApiKeys());
  }
  return globalForCache.__meterlyKeyCache;
}

/**
 * Active API keys by hash, so that the public API does not query the key on every request. Used only
 * while this process hears every revocation (revocationsHeard); any revocation heard, here or by another
 * instance, empties it. `epoch` is read before a lookup and given back with its result: a result that
 * raced with a revocation is not kept.
 */
export function cachedKey(hash: string, now: number): KeyRow | undefined {
  const hit = cache().entries.get(hash);
  if (!hit) return undefined;
  if (hit.expires > now && revocationsHeard()) return hit.row;
  cache().entries.delete(hash);
  return undefined;
}

export function keyCacheEpoch(): number {
  return cache().epoch;
}

export function rememberKey(hash: string, row: KeyRow, epoch: number, now: number): void {
  const c = cache();
  if (row.revoked_at || epoch !== c.epoch || !revocationsHeard()) return;
  if (c.entries.size >= MAX_ENTRIES) c.entries.clear();
  c.entries.set(hash, { row, expires: now + TTL_MS });
}

/** Drops every cached key (a key was revoked, or revocations can no longer be heard), the ingest worker's too. */
export function forgetApiKeys(): void {
  const c = cache();
  c.epoch++;
  c.entries.clear();
  tellIngestWorker({ kind: "forget-api-keys" });
}
