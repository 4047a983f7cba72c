import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { INVITE_TTL_MS, newMemberToken, RESET_TTL_MS } from "./member-token";

type Purpose = "INVITE" | "RESET";

/**
 * Makes a member's one-time link inside `tx`: any earlier unused link of the same purpose stops working
 * (only the newest one sent works), and the new one's hash is stored. Returns the token to email.
 */
export async function issueMemberToken(tx: Prisma.TransactionClient, userId: string, purpose: Purpose, createdById: string | null, now = new Date()): Promise<string> {
  await tx.memberToken.updateMany({ where: { userId, purpose, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  const { token, tokenHash } = newMemberToken();
  const ttl = purpose === "INVITE" ? INVITE_TTL_MS : RESET_TTL_MS;
  await tx.memberToken.create({ data: { userId, purpose, tokenHash, expiresAt: new Date(now.getTime() + ttl), createdById } });
  return token;
}
