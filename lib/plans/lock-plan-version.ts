import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";

type Tx = Prisma.TransactionClient;

export type LockedVersion = { id: string; planId: string; number: number; status: "DRAFT" | "PUBLISHED" };

/** Locks a version row for the rest of the transaction (so a publish and an edit cannot interleave). */
export async function lockPlanVersion(tx: Tx, versionId: string): Promise<LockedVersion> {
  if (!isUuid(versionId)) throw new AppError("NOT_FOUND", "No such plan version");
  const rows = await tx.$queryRaw<{ id: string; plan_id: string; number: number; status: "DRAFT" | "PUBLISHED" }[]>`
    SELECT id::text, plan_id::text, number, status::text AS status FROM plan_versions WHERE id = ${versionId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "No such plan version");
  return { id: row.id, planId: row.plan_id, number: row.number, status: row.status };
}
