import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checksumMatches, migrationChecksum, readMigrations } from "./read-migrations";
import { tempMigrations, type TempMigrations } from "./test-fixtures";

let files: TempMigrations | undefined;
afterEach(async () => {
  await files?.cleanup();
  files = undefined;
});

describe("readMigrations", () => {
  it("returns the migration folders in name order, ignoring plain files", async () => {
    const names = ["20261126000005_e", "20261126000001_a", "20261126000004_d", "20261126000002_b", "20261126000003_c"];
    files = await tempMigrations();
    for (const name of names) await files.write(name, `-- ${name}\n`);
    await writeFile(path.join(files.dir, "migration_lock.toml"), 'provider = "postgresql"\n');

    const migrations = await readMigrations(files.dir);
    expect(migrations.map((m) => m.name)).toEqual([...names].sort());
    expect(migrations[0].sql).toBe("-- 20261126000001_a\n");
  });

  it("computes Prisma's checksum: sha256 hex of the file's bytes", async () => {
    files = await tempMigrations({ "20261126000000_init": "SELECT 1;\n" });
    const [migration] = await readMigrations(files.dir);
    // printf 'SELECT 1;\n' | sha256sum
    expect(migration.checksum).toBe("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
  });

  it("names a folder without migration.sql", async () => {
    files = await tempMigrations({ "20261126000000_init": "SELECT 1;\n" });
    await mkdir(path.join(files.dir, "20261126000001_empty"));
    await expect(readMigrations(files.dir)).rejects.toThrow(/20261126000001_empty has no readable migration.sql/);
  });
});

describe("checksumMatches", () => {
  it("matches the same text and line-ending conversions only", () => {
    const sql = "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n";
    const checksum = migrationChecksum(sql);
    expect(checksumMatches(sql, checksum)).toBe(true);
    expect(checksumMatches(sql.replaceAll("\n", "\r\n"), checksum)).toBe(true);
    expect(checksumMatches(sql.replace("b", "c"), checksum)).toBe(false);
    expect(checksumMatches(sql.replaceAll("\n", "\r\n"), migrationChecksum(sql.replace("b", "c")))).toBe(false);
  });
});
