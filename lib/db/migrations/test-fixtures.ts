// Test helpers: migration folders in a temp directory made at run time.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";

export type TempMigrations = {
  dir: string;
  write(name: string, sql: string): Promise<void>;
  remove(name: string): Promise<void>;
  cleanup(): Promise<void>;
};

export async function tempMigrations(migrations: Record<string, string> = {}): Promise<TempMigrations> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "meterly-migrations-"));
  const write = async (name: string, sql: string) => {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  };
  for (const [name, sql] of Object.entries(migrations)) await write(name, sql);
  return {
    dir,
    write,
    remove: (name) => rm(path.join(dir, name), { recursive: true, force: true }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Runs one query on a fresh connection. */
export async function query<T extends object = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
