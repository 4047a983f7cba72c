import "server-only";
import { pool } from "./client";
import { migrationStatus } from "./migrations/migration-status";

export type Health = { ok: boolean; database: "up" | "down"; migrations: { pending: string[]; problems: string[] } | null; error?: string };

export async function checkHealth(): Promise<Health> {
  const client = await pool().connect().catch((e: Error) => e);
  if (client instanceof Error) return { ok: false, database: "down", migrations: null, error: client.message };
  try {
    const { pending, problems } = await migrationStatus({ client });
    return { ok: pending.length === 0 && problems.length === 0, database: "up", migrations: { pending, problems } };
  } catch (e) {
    return { ok: false, database: "down", migrations: null, error: (e as Error).message };
  } finally {
    client.release();
  }
}
