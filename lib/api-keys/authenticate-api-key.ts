import "server-only";
import { pool } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashApiKey } from "./key-format";

export type ApiKeyActor = { kind: "apiKey"; apiKeyId: string; customerId: string | null };

const LAST_USED_RESOLUTION_MS = 60_000;

type KeyRow = { id: string; customer_id: string | null; revoked_at: Date | null; last_used_at: Date | null };

/**
 * Resolves `Authorization: Bearer <key>` to an active key; a revoked key fails at once (no cache).
 * Runs on every public API request (event ingestion's hot path), so it is one indexed query on the
 * pg pool rather than through Prisma.
 */
export async function authenticateApiKey(header: string | null): Promise<ApiKeyActor> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new AppError("UNAUTHORIZED", "Missing API key: send 'Authorization: Bearer <key>'");
  const { rows } = await pool().query<KeyRow>("SELECT id, customer_id, revoked_at, last_used_at FROM api_keys WHERE hash = $1", [hashApiKey(match[1])]);
  const key = rows[0];
  if (!key || key.revoked_at) throw new AppError("UNAUTHORIZED", "Invalid or revoked API key");
  const now = Date.now();
  if (!key.last_used_at || now - key.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await pool().query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1", [key.id, new Date(now)]);
  }
  return { kind: "apiKey", apiKeyId: key.id, customerId: key.customer_id };
}
