import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "./apply-migrations";
import { migrationStatus } from "./migration-status";
import { query, tempMigrations, type TempMigrations } from "./test-fixtures";

// The same runner against PGlite (a fresh in-memory instance per test) served over the wire (what `npm start` uses without DATABASE_URL).
const M1 = "20260101000001_create_plans";
const M2 = "20260101000002_broken";

let pglite: EmbeddedPostgres;
let files: TempMigrations;

beforeEach(async () => {
  pglite = await startEmbeddedPostgres();
  files = await tempMigrations({ [M1]: "CREATE TABLE plans (id INT PRIMARY KEY);\nINSERT INTO plans VALUES (1);\n" });
});

afterEach(async () => {
  await pglite?.stop();
  await files?.cleanup();
});

describe("applyMigrations on PGlite", () => {
  it("applies, records, rolls back a failure and reports status", async () => {
    const target = { connectionString: pglite.url, migrationsDir: files.dir };
    expect(await migrationStatus(target)).toEqual({ pending: [M1], applied: [], problems: [] });
    expect(await applyMigrations(target)).toEqual({ applied: [M1] });
    expect(await applyMigrations(target)).toEqual({ applied: [] });

    await files.write(M2, "CREATE TABLE half_done (id INT);\nSELECT 1 / 0;\n");
    await expect(applyMigrations(target)).rejects.toThrow(new RegExp(`${M2} failed`));
    expect(await query(pglite.url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    expect(await migrationStatus(target)).toEqual({ pending: [M2], applied: [M1], problems: [] });

    await files.write(M2, "CREATE TABLE half_done (id INT);\n");
    expect(await applyMigrations(target)).toEqual({ applied: [M2] });
    const rows = await query(pglite.url, "SELECT migration_name, applied_steps_count FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1");
    expect(rows).toEqual([
      { migration_name: M1, applied_steps_count: 1 },
      { migration_name: M2, applied_steps_count: 1 },
    ]);
    expect(await query(pglite.url, "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'")).toEqual([{ n: 0 }]);
  });

  it("applies each migration once when two connections run at the same time", async () => {
    // One PGlite session serves every connection, so the advisory lock cannot exclude; the re-check must.
    const concurrent = await tempMigrations({
      "20260201000001_log": "CREATE TABLE apply_log (name TEXT);\nINSERT INTO apply_log VALUES ('1');\nSELECT pg_sleep(0.3);\n",
      "20260201000002_more": "INSERT INTO apply_log VALUES ('2');\n",
    });
    const clients = [new Client({ connectionString: pglite.url }), new Client({ connectionString: pglite.url })];
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const results = await Promise.all(clients.map((client) => applyMigrations({ client, migrationsDir: concurrent.dir })));
      expect(results.flatMap((r) => r.applied).sort()).toEqual(["20260201000001_log", "20260201000002_more"]);
      expect(await query(pglite.url, "SELECT name FROM apply_log ORDER BY name")).toEqual([{ name: "1" }, { name: "2" }]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await concurrent.cleanup();
    }
  });
});
