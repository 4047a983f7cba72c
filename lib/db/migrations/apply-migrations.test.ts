import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "@/tests/support/scratch-database";
import { applyMigrations, MigrationError } from "./apply-migrations";
import { query, tempMigrations, type TempMigrations } from "./test-fixtures";

const M1 = "20260101000001_create_plans";
const M2 = "20260101000002_add_meters";
const M3 = "20260101000003_seed";

let db: ScratchDatabase;
let files: TempMigrations;

beforeEach(async () => {
  db = await createScratchDatabase("migrations");
  files = await tempMigrations({
    [M1]: "CREATE TABLE plans (id INT PRIMARY KEY, name TEXT NOT NULL);\n",
    [M2]: "CREATE TABLE meters (id INT PRIMARY KEY, plan_id INT REFERENCES plans(id));\nALTER TABLE plans ADD COLUMN active BOOLEAN;\n",
  });
});

afterEach(async () => {
  await db.drop();
  await files.cleanup();
});

const apply = () => applyMigrations({ connectionString: db.url, migrationsDir: files.dir });

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };
const finishedRows = () =>
  query<Row>(db.url, "SELECT * FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name");
const advisoryLocks = async () =>
  (await query<{ n: number }>(db.url, "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'"))[0].n;

describe("applyMigrations", () => {
  it("applies migrations in name order and records them in Prisma's layout", async () => {
    await files.write("20260101000000_first", "CREATE TABLE first_one (id INT);\n"); // sorts before M1
    const log: string[] = [];
    const result = await applyMigrations({ connectionString: db.url, migrationsDir: files.dir, log: (m) => log.push(m) });

    expect(result.applied).toEqual(["20260101000000_first", M1, M2]);
    expect(log.filter((l) => l.startsWith("Applying"))).toHaveLength(3);
    const columns = await query(
      db.url,
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);
    const [pk] = await query<{ cols: string }>(
      db.url,
      `SELECT string_agg(a.attname, ',') AS cols FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = '_prisma_migrations'::regclass AND i.indisprimary`,
    );
    expect(pk.cols).toBe("id");

    const rows = await query(db.url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((r) => r.migration_name)).toEqual(["20260101000000_first", M1, M2]);
    for (const row of rows) {
      const bytes = await readFile(path.join(files.dir, String(row.migration_name), "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
      expect(row).toMatchObject({ applied_steps_count: 1, logs: null, rolled_back_at: null });
    }
    const [plans] = await query(db.url, "SELECT to_regclass('meters') AS meters, to_regclass('first_one') AS first");
    expect(plans).toEqual({ meters: "meters", first: "first_one" });
    expect(await advisoryLocks()).toBe(0);
  });

  it("applies nothing the second time, and only the new migration after one is added", async () => {
    await apply();
    expect(await apply()).toEqual({ applied: [] });
    await files.write(M3, "INSERT INTO plans (id, name) VALUES (1, 'basic');\n");
    expect(await apply()).toEqual({ applied: [M3] });
    expect(await apply()).toEqual({ applied: [] });
    expect((await finishedRows()).map((r) => r.migration_name)).toEqual([M1, M2, M3]);
    expect(await query(db.url, "SELECT id, name FROM plans")).toEqual([{ id: 1, name: "basic" }]);
  });

  it("applies each migration exactly once when two runners start at the same time", async () => {
    await files.write(M1, "CREATE TABLE apply_log (name TEXT);\nINSERT INTO apply_log VALUES ('m1');\nSELECT pg_sleep(0.3);\n");
    await files.write(M2, "CREATE TABLE widgets (id INT);\nINSERT INTO apply_log VALUES ('m2');\n");
    const clients = [new Client({ connectionString: db.url }), new Client({ connectionString: db.url })];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const results = await Promise.all(clients.map((client) => applyMigrations({ client, migrationsDir: files.dir })));
      expect(results.flatMap((r) => r.applied).sort()).toEqual([M1, M2]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 2]);
      expect(await advisoryLocks()).toBe(0); // released while the sessions are still open
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await query(db.url, "SELECT name FROM apply_log ORDER BY name")).toEqual([{ name: "m1" }, { name: "m2" }]);
    const [tables] = await query<{ n: number }>(db.url, "SELECT count(*)::int AS n FROM pg_class WHERE relname = 'widgets'");
    expect(tables.n).toBe(1);
    expect(await query(db.url, "SELECT count(*)::int AS n FROM _prisma_migrations")).toEqual([{ n: 2 }]);
    expect(await advisoryLocks()).toBe(0);
  });

  it("rolls back a failing migration, records no finished row, names it, and retries it once fixed", async () => {
    await files.write(M2, "CREATE TABLE half_done (id INT);\nINSERT INTO half_done VALUES (1);\nSELECT 1 / 0;\n");
    await files.write(M3, "CREATE TABLE after_broken (id INT);\n");

    const failure = await apply().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain(M2);
    expect((failure as Error).message).toContain("division by zero");
    const [state] = await query(
      db.url,
      "SELECT to_regclass('plans') AS plans, to_regclass('half_done') AS half, to_regclass('after_broken') AS after",
    );
    expect(state).toEqual({ plans: "plans", half: null, after: null });
    expect((await finishedRows()).map((r) => r.migration_name)).toEqual([M1]);
    const [attempt] = await query<Row & { logs: string }>(db.url, `SELECT * FROM _prisma_migrations WHERE migration_name = $1`, [M2]);
    expect(attempt).toMatchObject({ finished_at: null, logs: expect.stringContaining("division by zero") });
    expect(attempt.rolled_back_at).toBeInstanceOf(Date);
    expect(await advisoryLocks()).toBe(0);

    await files.write(M2, "CREATE TABLE half_done (id INT);\n");
    expect(await apply()).toEqual({ applied: [M2, M3] });
  });

  it("commits a migration's changes only together with its row", async () => {
    // The migration succeeds but makes recording its own row fail: nothing of it may remain.
    await files.write(
      M3,
      "CREATE TABLE orphan (id INT);\nALTER TABLE _prisma_migrations ADD CONSTRAINT no_rows CHECK (false) NOT VALID;\n",
    );
    await expect(apply()).rejects.toThrow(new RegExp(`${M3} failed`));
    expect(await query(db.url, "SELECT to_regclass('orphan') AS t")).toEqual([{ t: null }]);
    expect((await finishedRows()).map((r) => r.migration_name)).toEqual([M1, M2]);
  });

  it("refuses when a previous attempt failed without being rolled back", async () => {
    await apply();
    await files.write(M3, "SELECT 1;\n");
    await query(
      db.url,
      "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES (gen_random_uuid()::text, 'x', $1)",
      [M3],
    );
    await expect(apply()).rejects.toThrow(new RegExp(`${M3} failed or was interrupted`));
    expect(await advisoryLocks()).toBe(0);
  });

  it("refuses when an applied migration's file changed, naming it, and applies nothing", async () => {
    await apply();
    await files.write(M1, "CREATE TABLE plans (id INT PRIMARY KEY, name TEXT NOT NULL, extra INT);\n");
    await files.write(M3, "CREATE TABLE never_applied (id INT);\n");
    await expect(apply()).rejects.toThrow(new RegExp(`${M1} was modified after it was applied`));
    expect((await finishedRows()).map((r) => r.migration_name)).toEqual([M1, M2]);
    expect(await query(db.url, "SELECT to_regclass('never_applied') AS t")).toEqual([{ t: null }]);
    expect(await advisoryLocks()).toBe(0);
  });

  it("accepts an applied file whose line endings git converted, as Prisma does", async () => {
    await apply();
    const file = path.join(files.dir, M2, "migration.sql");
    await writeFile(file, (await readFile(file, "utf8")).replaceAll("\n", "\r\n"));
    expect(await apply()).toEqual({ applied: [] });
  });

  it("refuses when an applied migration is missing from disk", async () => {
    await apply();
    await files.remove(M2);
    await expect(apply()).rejects.toThrow(new RegExp(`${M2} is recorded as applied but is missing`));
  });
});
