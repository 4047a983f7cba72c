import "server-only";
import { pool } from "@/lib/db/pool";
import { AppError } from "@/lib/errors/app-error";
import { cachedKey, keyCacheEpoch, rememberKey } from "./active-key-cache";
import { findKeyByHash } from "./find-key-by-hash";
import { hashApiKey } from "./key-format";
import type { ApiKeyActor } from "@/lib/auth/actor";

export type { ApiKeyActor } from "@/lib/auth/actor";

const LAST_USED_RESOLUTION_MS = 60_000;

/** When this process last wrote a key's last_used_at, so that concurrent requests write it once. */
const touchedAt = new Map<string, number>();

/**
 * Resolves `Authorization: Bearer <key>` to an active key; a revoked key fails at once. Runs on every
 * public API request (event ingestion's hot path): active keys come from a cache that every revocation
 * empties (active-key-cache.ts, used only while revocations are heard), else from an indexed query on
 * the pg pool shared by the requests arriving at the same time.
 */
export async function authenticateApiKey(header: string | null): Promise<ApiKeyActor> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new AppError("UNAUTHORIZED", "Missing API key: send 'Authorization: Bearer <key>'");
  const hash = hashApiKey(match[1]);
  let now = Date.now();
  let key = cachedKey(hash, now);
  if (!key) {
    const epoch = keyCacheEpoch();
    const found = await findKeyByHash(hash);
    if (!found || found.revoked_at) throw new AppError("UNAUTHORIZED", "Invalid or revoked API key");
    now = Date.now();
    rememberKey(hash, found, epoch, now);
    key = found;
  }
  const stale = !key.last_used_at || now - key.last_used_at.getTime() > LAST_USED_RESOLUTION_MS;
  if (stale && now - (touchedAt.get(key.id) ?? 0) > LAST_USED_RESOLUTION_MS) {
    touchedAt.set(key.id, now);
    await pool().query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1", [key.id, new Date(now)]);
  }
  return { kind: "apiKey", apiKeyId: key.id, customerId: key.customer_id, scope: key.scope };
}
