import { randomUUID } from "node:crypto";
import type { ClientBase } from "pg";
import { withClient, type DbTarget } from "./connection";
import { compareMigrations, readMigrationRows } from "./migration-status";
import { readMigrations, type LocalMigration } from "./read-migrations";

/** The advisory lock key Prisma's migrate commands take, so they exclude each other too. */
export const MIGRATION_LOCK_KEY = 72707369;

// Prisma's own layout, so `prisma migrate status/deploy` could read what this runner records.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                  VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum            VARCHAR(64) NOT NULL,
    finished_at         TIMESTAMPTZ,
    migration_name      VARCHAR(255) NOT NULL,
    logs                TEXT,
    rolled_back_at      TIMESTAMPTZ,
    started_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count INTEGER NOT NULL DEFAULT 0
)`;

/** Thrown when migrating is refused or a migration fails; the message names the migration(s). */
export class MigrationError extends Error {
  override name = "MigrationError";
}

export type ApplyMigrationsOptions = DbTarget & {
  /** Default: `prisma/migrations` under the current directory. */
  migrationsDir?: string;
  log?: (message: string) => void;
};

/**
 * Applies the pending migrations, each in its own transaction together with its
 * `_prisma_migrations` row. Holds Prisma's advisory lock throughout, so instances starting at
 * once apply each migration once. Refuses to run when an applied migration changed or
 * disappeared, or an earlier attempt failed.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const local = await readMigrations(options.migrationsDir);
  return withClient(options, async (client) => {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const status = compareMigrations(local, await readMigrationRows(client));
      if (status.problems.length > 0) {
        throw new MigrationError(`Refusing to apply migrations:\n- ${status.problems.join("\n- ")}`);
      }
      const pending = new Set(status.pending);
      const applied: string[] = [];
      for (const migration of local.filter((m) => pending.has(m.name))) {
        log(`Applying migration ${migration.name}`);
        if (await applyOne(client, migration)) applied.push(migration.name);
        else log(`Migration ${migration.name} was applied by another runner meanwhile`);
      }
      return { applied };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => {});
    }
  });
}

/** Returns false when another runner applied it meanwhile (only possible on PGlite, see below). */
async function applyOne(client: ClientBase, migration: LocalMigration): Promise<boolean> {
  try {
    await client.query("BEGIN");
    // PGlite has a single session, so the advisory lock excludes nobody there; its server runs one
    // connection's transaction at a time, so this re-check inside the transaction closes the gap.
    const done = await client.query(
      "SELECT 1 FROM _prisma_migrations WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL",
      [migration.name],
    );
    if (done.rowCount) {
      await client.query("ROLLBACK");
      return false;
    }
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const reason = describe(error);
    // Recorded as rolled back (Prisma ignores such rows), so fixing the file and restarting retries it.
    await client
      .query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, rolled_back_at)
         VALUES ($1, $2, $3, $4, clock_timestamp())`,
        [randomUUID(), migration.checksum, migration.name, reason],
      )
      .catch(() => {});
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const detail = (error as { detail?: unknown }).detail;
  return typeof detail === "string" ? `${error.message} (${detail})` : error.message;
}
