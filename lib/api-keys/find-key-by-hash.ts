import "server-only";
import { pool } from "@/lib/db/pool";
import { GroupCommit } from "@/lib/db/group-commit";
import type { ApiKeyScope } from "@/lib/auth/actor";

/** A key as authentication needs it; the active-key cache keeps these, scope included (no query per request). */
export type KeyRow = {
  id: string;
  customer_id: string | null;
  scope: ApiKeyScope;
  revoked_at: Date | null;
  last_used_at: Date | null;
};

const SELECT_KEYS = "SELECT id, customer_id, scope::text AS scope, revoked_at, last_used_at, hash FROM api_keys WHERE hash = ANY($1::text[])";

/**
 * Key lookups of concurrent requests share one query: a lookup that arrives while a query is in flight
 * joins the next one. Nothing is cached: each lookup is answered by a query that started after it was
 * asked, so a revoked key stops working at once.
 */
const lookups = new GroupCommit<string, KeyRow | null>({
  writers: 1,
  maxGroupSize: 1000,
  sizeOf: () => 1,
  writeGroup: async (hashes) => {
    const { rows } = await pool().query<KeyRow & { hash: string }>(SELECT_KEYS, [[...new Set(hashes)]]);
    const byHash = new Map(rows.map((r) => [r.hash, r]));
    return hashes.map((h) => byHash.get(h) ?? null);
  },
});

/** The API key with this hash (revoked or not), or null. */
export function findKeyByHash(hash: string): Promise<KeyRow | null> {
  return lookups.submit(hash);
}
