import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { prisma } from "@/lib/db/client";
import { PENDING_PASSWORD } from "./pending-password";

export type MemberRow = { id: string; email: string; name: string | null; createdAt: Date; pending: boolean; inviteExpiresAt: Date | null };

/** A customer's members for the admin, oldest first; `pending`: invited, not accepted yet (with when the link expires). */
export async function listMembers(actor: Actor, customerId: string): Promise<MemberRow[]> {
  assertAdmin(actor);
  const users = await prisma.user.findMany({
    where: { customerId, role: "MEMBER" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, email: true, name: true, createdAt: true, passwordHash: true,
      memberTokens: { where: { purpose: "INVITE", usedAt: null }, orderBy: { createdAt: "desc" }, take: 1, select: { expiresAt: true } },
    },
  });
  return users.map((u) => ({
    id: u.id, email: u.email, name: u.name, createdAt: u.createdAt,
    pending: u.passwordHash === PENDING_PASSWORD,
    inviteExpiresAt: u.passwordHash === PENDING_PASSWORD ? (u.memberTokens[0]?.expiresAt ?? null) : null,
  }));
}
