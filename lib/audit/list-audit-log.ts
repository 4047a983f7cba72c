import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/client";
import { assertAdmin } from "@/lib/auth/assert-role";
import type { Actor } from "@/lib/auth/actor";
import { auditActionLabel } from "./audit-actions";
import type { AuditLogFilters } from "./audit-log-filters";

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: string;
  createdAt: Date;
  action: string;
  label: string;
  actor: { kind: string; id: string | null; name: string };
  target: string | null;
  customer: { id: string; name: string; externalId: string } | null;
  details: unknown;
};

/**
 * The audit log for admins, newest first, one page at a time: keyset pagination on the row id (`before`
 * the last row shown), so a page costs the same however deep. `nextBefore` is null on the last page.
 */
export async function listAuditLog(actor: Actor, f: AuditLogFilters, pageSize = AUDIT_PAGE_SIZE) {
  assertAdmin(actor);
  const where: Prisma.AuditLogWhereInput = {
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.action ? (f.action.endsWith(".") ? { action: { startsWith: f.action } } : { action: f.action }) : {}),
    ...(f.customerId ? { customerId: f.customerId } : {}),
    ...(f.target ? { target: f.target } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    ...(f.before !== undefined ? { id: { lt: f.before } } : {}),
  };
  const rows = await prisma.auditLog.findMany({ where, orderBy: { id: "desc" }, take: pageSize + 1 });
  const page = rows.slice(0, pageSize);
  const [names, customers] = await Promise.all([actorNames(page), customersOf(page)]);
  const out: AuditRow[] = page.map((r) => ({
    id: r.id.toString(),
    createdAt: r.createdAt,
    action: r.action,
    label: auditActionLabel(r.action),
    actor: { kind: r.actorKind, id: r.actorId, name: (r.actorId && names.get(r.actorId)) || r.actorKind },
    target: r.target,
    customer: r.customerId ? (customers.get(r.customerId) ?? null) : null,
    details: r.details,
  }));
  return { rows: out, nextBefore: rows.length > pageSize ? page[page.length - 1].id.toString() : null };
}

async function actorNames(rows: { actorKind: string; actorId: string | null }[]) {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.actorKind === kind && r.actorId).map((r) => r.actorId!))];
  const [users, keys] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, email: true } }),
    prisma.apiKey.findMany({ where: { id: { in: ids("apiKey") } }, select: { id: true, name: true, prefix: true } }),
  ]);
  return new Map<string, string>([
    ...users.map((u) => [u.id, u.email] as [string, string]),
    ...keys.map((k) => [k.id, `API key ${k.name} (${k.prefix}…)`] as [string, string]),
  ]);
}

async function customersOf(rows: { customerId: string | null }[]) {
  const ids = [...new Set(rows.map((r) => r.customerId).filter((c): c is string => c !== null))];
  const found = await prisma.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, externalId: true } });
  return new Map(found.map((c) => [c.id, c]));
}

/** Who appears in the log, for the actor filter: users by email, keys by name. */
export async function listAuditActors(actor: Actor) {
  assertAdmin(actor);
  const seen = await prisma.auditLog.groupBy({ by: ["actorKind", "actorId"], where: { actorId: { not: null } } });
  const names = await actorNames(seen);
  return seen
    .map((s) => ({ id: s.actorId!, name: names.get(s.actorId!) ?? `${s.actorKind} ${s.actorId}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
