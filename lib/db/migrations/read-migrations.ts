import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** One `prisma/migrations/<name>/migration.sql` file. */
export type LocalMigration = {
  name: string;
  sql: string;
  /** What Prisma stores in `_prisma_migrations.checksum`: sha256 hex of the file's bytes. */
  checksum: string;
};

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export function migrationChecksum(script: string | Uint8Array): string {
  return createHash("sha256").update(script).digest("hex");
}

/**
 * Whether a migration file still matches the checksum recorded when it was applied.
 * Like Prisma, a file whose line endings git converted (LF <-> CRLF) still matches.
 */
export function checksumMatches(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replaceAll("\r\n", "\n"), sql.replaceAll("\r\n", "\n").replaceAll("\n", "\r\n")];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

/** Reads the migration folders in name order (the order Prisma applies them in). */
export async function readMigrations(dir: string = defaultMigrationsDir()): Promise<LocalMigration[]> {
  let entries;
  try {
    entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  } catch (error) {
    throw new Error(`Cannot read the migrations folder ${dir}`, { cause: error });
  }
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"));
      } catch (error) {
        throw new Error(`Migration folder ${name} has no readable migration.sql`, { cause: error });
      }
      return { name, sql: bytes.toString("utf8"), checksum: migrationChecksum(bytes) };
    }),
  );
}
