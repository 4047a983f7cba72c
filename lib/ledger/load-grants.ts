import "server-only";
import type { BurnableGrant } from "./burn-order";
import type { Sql } from "@/lib/db/sql";

type Row = { id: string; remaining_minor: string; priority: number; expires_at: Date | null; created_at: Date };

/** The customer's grants with credits left, locked; call with the wallet already locked. */
export async function loadOpenGrants(sql: Sql, customerId: string): Promise<BurnableGrant[]> {
  const rows = await sql.query<Row>(
    `SELECT id::text, remaining_minor::text, priority, expires_at, created_at FROM credit_grants
     WHERE customer_id = $1::uuid AND remaining_minor > 0 ORDER BY id FOR UPDATE`,
    [customerId],
  );
  return rows.map((r) => ({ id: r.id, remainingMinor: BigInt(r.remaining_minor), priority: r.priority, expiresAt: r.expires_at, createdAt: r.created_at }));
}

/** Moves grants' remaining amounts (negative movements take). */
export async function moveGrants(sql: Sql, customerId: string, movements: { grantId: string; amountMinor: bigint }[]): Promise<void> {
  if (movements.length === 0) return;
  await sql.query(
    `UPDATE credit_grants AS g SET remaining_minor = g.remaining_minor + m.a
     FROM unnest($2::uuid[], $3::bigint[]) AS m(id, a)
     WHERE g.customer_id = $1::uuid AND g.id = m.id
     RETURNING g.id`,
    [customerId, movements.map((m) => m.grantId), movements.map((m) => m.amountMinor.toString())],
  );
}

export const isExpired = (g: BurnableGrant, now: Date) => g.expiresAt !== null && g.expiresAt.getTime() <= now.getTime();
