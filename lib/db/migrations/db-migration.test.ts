import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createScratchDatabase, testServerUrl } from "@/tests/support/scratch-database";
import { applyMigrations } from "./apply-migrations";
import { query } from "./test-fixtures";

// Runs scripts/db-migration.ts in a throwaway project (made at run time) with its own schema.prisma and snapshot.
const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCRIPT = path.join(ROOT, "scripts", "db-migration.ts");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

const HEADER = `generator client {
  provider   = "prisma-client"
  output     = "../generated"
  engineType = "client"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
`;
const PLAN = `model Plan {\n  id Int @id\n}\n`;
const PLAN_WITH_NAME = `model Plan {\n  id   Int     @id\n  name String?\n}\n`;
const PLAN_WITH_NAME_AND_PRICE = `model Plan {\n  id    Int     @id\n  name  String?\n  price Int     @default(0)\n}\n`;

let project: string;

beforeEach(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), "meterly-db-migration-"));
  await mkdir(path.join(project, "prisma"));
  await symlink(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
  await copyFile(path.join(ROOT, "prisma.config.ts"), path.join(project, "prisma.config.ts"));
});

afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

const setSchema = (models: string) => writeFile(path.join(project, "prisma", "schema.prisma"), HEADER + models);
const migrationsDir = () => path.join(project, "prisma", "migrations");
const folders = async () => (await readdir(migrationsDir(), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const sqlOf = (folder: string) => readFile(path.join(migrationsDir(), folder, "migration.sql"), "utf8");
const snapshot = () => readFile(path.join(migrationsDir(), "schema.snapshot.prisma"), "utf8");
/** The snapshot is the schema after a comment saying what it is. */
const expectSnapshotOf = async (models: string) => {
  const text = await snapshot();
  expect(text.startsWith("//")).toBe(true);
  expect(text.endsWith("\n\n" + HEADER + models)).toBe(true);
};

function run(...args: string[]) {
  const result = spawnSync(TSX, [SCRIPT, ...args], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: testServerUrl() },
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe("db-migration script", { timeout: 90_000 }, () => {
  it("makes the first migration from an empty database, with the snapshot, then finds nothing to do", async () => {
    await setSchema(PLAN);
    const first = run("Init");
    expect(first.out).toContain("Wrote");
    expect(first.code).toBe(0);
    const [folder, ...rest] = await folders();
    expect(rest).toEqual([]);
    expect(folder).toMatch(/^\d{14}_init$/);
    expect(await sqlOf(folder)).toMatch(/CREATE TABLE "Plan"/);
    await expectSnapshotOf(PLAN);
    expect(await readdir(path.join(migrationsDir(), folder))).toEqual(["migration.sql"]);
    expect(await readFile(path.join(migrationsDir(), "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');

    const again = run("again");
    expect(again).toMatchObject({ code: 0, out: expect.stringContaining("No schema changes") });
    expect(await folders()).toEqual([folder]);
  });

  it("diffs the next migration from the snapshot, then updates it; --check fails until it exists; the result applies", async () => {
    await setSchema(PLAN);
    expect(run("init").code).toBe(0);
    expect(run("--check")).toMatchObject({ code: 0, out: expect.stringContaining("up to date") });

    await setSchema(PLAN_WITH_NAME);
    const check = run("--check");
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/ALTER TABLE "Plan" ADD COLUMN\s+"name" TEXT/);

    expect(run("add plan name").code).toBe(0);
    const [init, second] = await folders();
    expect(second).toMatch(/^\d{14}_add_plan_name$/);
    expect(second > init).toBe(true);
    const sql = await sqlOf(second);
    expect(sql).toMatch(/ALTER TABLE "Plan" ADD COLUMN\s+"name" TEXT/);
    expect(sql).not.toMatch(/CREATE TABLE/);
    await expectSnapshotOf(PLAN_WITH_NAME);
    expect(await readdir(path.join(migrationsDir(), second))).toEqual(["migration.sql"]);
    expect(run("--check").code).toBe(0);

    const db = await createScratchDatabase("dbmigration");
    try {
      expect(await applyMigrations({ connectionString: db.url, migrationsDir: migrationsDir() })).toEqual({ applied: [init, second] });
      const columns = await query(db.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'Plan' ORDER BY 1`);
      expect(columns).toEqual([{ column_name: "id" }, { column_name: "name" }]);
    } finally {
      await db.drop();
    }
  });

  it("--replace-latest adds the changes since the snapshot to the latest migration, keeping its SQL", async () => {
    await setSchema(PLAN);
    expect(run("init").code).toBe(0);
    await setSchema(PLAN_WITH_NAME);
    expect(run("add_name").code).toBe(0);
    const before = await folders();
    const handWritten = "-- Hand-written.\nCREATE INDEX \"plan_name_lower\" ON \"Plan\" (lower(\"name\"));\n";
    await writeFile(path.join(migrationsDir(), before[1], "migration.sql"), (await sqlOf(before[1])) + handWritten);
    expect(run("--replace-latest")).toMatchObject({ code: 0, out: expect.stringContaining("nothing written") });

    await setSchema(PLAN_WITH_NAME_AND_PRICE);
    const replaced = run("--replace-latest");
    expect(replaced).toMatchObject({ code: 0, out: expect.stringContaining("Added the schema's changes") });
    expect(await folders()).toEqual(before);
    const sql = await sqlOf(before[1]);
    expect(sql).toMatch(/ADD COLUMN\s+"name" TEXT/);
    expect(sql).toContain(handWritten);
    expect(sql.indexOf(handWritten)).toBeLessThan(sql.search(/"price" INTEGER NOT NULL DEFAULT 0/));
    await expectSnapshotOf(PLAN_WITH_NAME_AND_PRICE);
    expect(await sqlOf(before[0])).not.toMatch(/price/);
    expect(run("--check").code).toBe(0);

    const db = await createScratchDatabase("dbmigration");
    try {
      expect(await applyMigrations({ connectionString: db.url, migrationsDir: migrationsDir() })).toEqual({ applied: before });
      const columns = await query(db.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'Plan' ORDER BY 1`);
      expect(columns).toEqual([{ column_name: "id" }, { column_name: "name" }, { column_name: "price" }]);
    } finally {
      await db.drop();
    }
  });

  it("rejects a missing name, and migrations without the snapshot", async () => {
    await setSchema(PLAN);
    expect(run()).toMatchObject({ code: 2, out: expect.stringContaining("Usage") });
    await mkdir(path.join(migrationsDir(), "20260101000000_by_hand"), { recursive: true });
    await writeFile(path.join(migrationsDir(), "20260101000000_by_hand", "migration.sql"), "SELECT 1;\n");
    for (const args of [["next"], ["--check"], ["--replace-latest"]]) {
      const result = run(...args);
      expect(result.code).toBe(2);
      expect(result.out).toContain("up to 20260101000000_by_hand but no prisma/migrations/schema.snapshot.prisma");
    }
    expect(await folders()).toEqual(["20260101000000_by_hand"]);
  });

  it("diffs from the snapshot past a migration written by hand after it", async () => {
    await setSchema(PLAN);
    expect(run("init").code).toBe(0);
    const byHand = "20991231000000_plan_check";
    await mkdir(path.join(migrationsDir(), byHand));
    await writeFile(path.join(migrationsDir(), byHand, "migration.sql"), `ALTER TABLE "Plan" ADD CONSTRAINT "plan_id_positive" CHECK ("id" > 0);\n`);
    expect(run("--check").code).toBe(0);

    await setSchema(PLAN_WITH_NAME);
    expect(run("add name").code).toBe(0);
    const all = await folders();
    expect(all).toHaveLength(3);
    expect(all[1]).toBe(byHand);
    expect(all[2]).toMatch(/^2099123100000\d_add_name$/);
    expect(await sqlOf(all[2])).toMatch(/^-- AlterTable\nALTER TABLE "Plan" ADD COLUMN\s+"name" TEXT;\s*$/);
  });
});
