import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "@/tests/support/scratch-database";
import { applyMigrations } from "./apply-migrations";
import { migrationStatus } from "./migration-status";
import { query, tempMigrations, type TempMigrations } from "./test-fixtures";

const M1 = "20260101000001_create_plans";
const M2 = "20260101000002_add_meters";

let db: ScratchDatabase;
let files: TempMigrations;

beforeEach(async () => {
  db = await createScratchDatabase("status");
  files = await tempMigrations({ [M1]: "CREATE TABLE plans (id INT PRIMARY KEY);\n" });
});

afterEach(async () => {
  await db.drop();
  await files.cleanup();
});

const status = () => migrationStatus({ connectionString: db.url, migrationsDir: files.dir });

describe("migrationStatus", () => {
  it("reports everything pending on an empty database without creating anything", async () => {
    await files.write(M2, "CREATE TABLE meters (id INT);\n");
    expect(await status()).toEqual({ pending: [M1, M2], applied: [], problems: [] });
    expect(await query(db.url, "SELECT to_regclass('_prisma_migrations') AS t")).toEqual([{ t: null }]);
  });

  it("reports a migration added after the last run as pending, and nothing once applied", async () => {
    await applyMigrations({ connectionString: db.url, migrationsDir: files.dir });
    expect(await status()).toEqual({ pending: [], applied: [M1], problems: [] });
    await files.write(M2, "CREATE TABLE meters (id INT);\n");
    expect(await status()).toEqual({ pending: [M2], applied: [M1], problems: [] });
  });

  it("reports changed, missing and failed migrations as problems naming them", async () => {
    await files.write(M2, "CREATE TABLE meters (id INT);\n");
    await applyMigrations({ connectionString: db.url, migrationsDir: files.dir });
    await files.write(M1, "CREATE TABLE plans (id BIGINT PRIMARY KEY);\n");
    await files.remove(M2);
    await files.write("20260101000003_stuck", "SELECT 1;\n");
    await query(db.url, "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('x', 'y', '20260101000003_stuck')");

    const result = await status();
    expect(result.pending).toEqual(["20260101000003_stuck"]);
    expect(result.applied).toEqual([M1, M2]);
    expect(result.problems).toHaveLength(3);
    expect(result.problems.join("\n")).toMatch(new RegExp(`${M1} was modified`));
    expect(result.problems.join("\n")).toMatch(new RegExp(`${M2} is recorded as applied but is missing`));
    expect(result.problems.join("\n")).toMatch(/20260101000003_stuck failed or was interrupted/);
  });

  it("works on a caller's client and leaves it usable", async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      expect(await migrationStatus({ client, migrationsDir: files.dir })).toEqual({ pending: [M1], applied: [], problems: [] });
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });
});
