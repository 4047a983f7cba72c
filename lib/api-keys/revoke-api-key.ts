import "server-only";
import { prisma } from "@/lib/db/client";
import { assertAdmin } from "@/lib/auth/assert-role";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";

/** Revokes a key; authentication reads the key on every request, so it stops working at once. */
export async function revokeApiKey(actor: Actor, keyId: string): Promise<void> {
  assertAdmin(actor);
  await prisma.$transaction(async (tx) => {
    const res = await tx.apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (res.count === 0) throw new AppError("NOT_FOUND", "No active API key with that id");
    await recordAudit(actor, "api_key.revoked", keyId, {}, tx);
  });
}
