import type { ClientBase } from "pg";
import { withClient, type DbTarget } from "./connection";
import { checksumMatches, readMigrations, type LocalMigration } from "./read-migrations";

export type MigrationStatus = {
  /** On disk, not applied yet (name order). */
  pending: string[];
  /** Recorded as finished in `_prisma_migrations` (name order). */
  applied: string[];
  /** Reasons to refuse to migrate; each names its migration. */
  problems: string[];
};

export type MigrationRow = {
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/** The `_prisma_migrations` rows, or none when the table does not exist yet. */
export async function readMigrationRows(client: ClientBase): Promise<MigrationRow[]> {
  const table = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
  );
  if (!table.rows[0]?.exists) return [];
  const result = await client.query<MigrationRow>(
    `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

/** Compares the files with the rows the way Prisma does; rows marked rolled back are ignored. */
export function compareMigrations(local: LocalMigration[], rows: MigrationRow[]): MigrationStatus {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const finished = new Map(live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]));
  const onDisk = new Map(local.map((migration) => [migration.name, migration]));
  const problems: string[] = [];

  for (const row of live.filter((r) => r.finished_at === null)) {
    problems.push(
      `Migration ${row.migration_name} failed or was interrupted (started ${row.started_at.toISOString()}). ` +
        `Undo its partial changes, then mark it rolled back: UPDATE _prisma_migrations SET rolled_back_at = now() ` +
        `WHERE migration_name = '${row.migration_name}' AND finished_at IS NULL.`,
    );
  }
  for (const [name, row] of [...finished].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = onDisk.get(name);
    if (!file) {
      problems.push(`Migration ${name} is recorded as applied but is missing from the migrations folder.`);
    } else if (!checksumMatches(file.sql, row.checksum)) {
      problems.push(
        `Migration ${name} was modified after it was applied (checksum differs). ` +
          `Restore the applied file and put further changes in a new migration.`,
      );
    }
  }
  return {
    pending: local.filter((m) => !finished.has(m.name)).map((m) => m.name),
    applied: [...finished.keys()].sort(),
    problems,
  };
}

/** Read-only: what `applyMigrations` would do. Used by GET /api/health (503 on pending or problems). */
export async function migrationStatus(
  options: DbTarget & { migrationsDir?: string },
): Promise<MigrationStatus> {
  const local = await readMigrations(options.migrationsDir);
  const rows = await withClient(options, readMigrationRows);
  return compareMigrations(local, rows);
}
