import "server-only";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashApiKey } from "./key-format";

export type ApiKeyActor = { kind: "apiKey"; apiKeyId: string; customerId: string | null };

const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves `Authorization: Bearer <key>` to an active key; a revoked key fails at once (no cache). */
export async function authenticateApiKey(header: string | null): Promise<ApiKeyActor> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new AppError("UNAUTHORIZED", "Missing API key: send 'Authorization: Bearer <key>'");
  const key = await prisma.apiKey.findUnique({
    where: { hash: hashApiKey(match[1]) },
    select: { id: true, customerId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) throw new AppError("UNAUTHORIZED", "Invalid or revoked API key");
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { kind: "apiKey", apiKeyId: key.id, customerId: key.customerId };
}
