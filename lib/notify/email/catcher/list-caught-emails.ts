import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { prisma } from "@/lib/db/client";

export type CaughtEmailSummary = {
  id: string;
  receivedAt: string;
  sender: string;
  recipients: string[];
  subject: string;
  sizeBytes: number;
};

/** Admins: what the local mail catcher received, newest first (the `limit` latest). */
export async function listCaughtEmails(
  actor: Actor,
  opts: { limit?: number } = {},
): Promise<CaughtEmailSummary[]> {
  assertAdmin(actor);
  const rows = await prisma.caughtEmail.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(opts.limit ?? 200, 1), 1000),
    select: { id: true, receivedAt: true, sender: true, recipients: true, subject: true, sizeBytes: true },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString(), receivedAt: r.receivedAt.toISOString() }));
}
