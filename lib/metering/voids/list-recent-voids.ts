import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";

export type RecentVoid = { at: Date; by: string | null; customer: string; reason: string; voided: number; criteria: Record<string, unknown> };

/** The latest voids from the audit log, for the admin's corrections page. */
export async function listRecentVoids(actor: Actor, limit = 20): Promise<RecentVoid[]> {
  assertAdmin(actor);
  const rows = await prisma.auditLog.findMany({ where: { action: "usage.voided" }, orderBy: { id: "desc" }, take: limit });
  const userIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => {
    const d = r.details as { reason?: string; voided?: number; criteria?: Record<string, unknown> };
    const criteria = d.criteria ?? {};
    return { at: r.createdAt, by: r.actorId ? (email.get(r.actorId) ?? r.actorId) : null, customer: String(criteria.customer ?? ""), reason: d.reason ?? "", voided: d.voided ?? 0, criteria };
  });
}
