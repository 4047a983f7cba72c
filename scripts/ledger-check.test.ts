import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { openLocalDatabase } from "./support/local-database";

// `npm run ledger:check` without DATABASE_URL, against an embedded database in a data dir made at run time.
const ROOT = path.resolve(import.meta.dirname, "..");
const CUSTOMER = "embedded-ledger";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "meterly-ledger-check-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the script as npm does, in its own process (asynchronously: this process may be serving the database it reads). */
function ledgerCheck(): Promise<{ code: number | null; out: string; pid: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, METERLY_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/ledger-check.ts"], { cwd: ROOT, env });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, out, pid: child.pid! }));
  });
}

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const lockFile = () => path.join(dataDir, "pglite.lock.json");

describe("ledger:check without DATABASE_URL", { timeout: 180_000 }, () => {
  it("says to run npm start first when there is no embedded database, and makes none", async () => {
    const result = await ledgerCheck();
    expect(result.out).toContain("No embedded database in");
    expect(result.out).toContain("npm start");
    expect(result.code).toBe(2);
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(false);
  });

  it("checks npm start's embedded database through the running server, else by opening its files", async () => {
    // What npm start does: open the data dir's database, migrate it, write to it.
    let db = await openLocalDatabase(dataDir);
    try {
      await applyMigrations({ connectionString: db.url });
      const [{ id }] = await query<{ id: string }>(db.url, "INSERT INTO customers (external_id, name) VALUES ($1, 'Embedded') RETURNING id::text", [CUSTOMER]);
      // A balance with no ledger entries behind it.
      await query(db.url, "INSERT INTO credit_balances (customer_id, currency, balance_minor) VALUES ($1::uuid, 'USD', 1)", [id]);
      await expect(openLocalDatabase(dataDir)).rejects.toThrow(/is open in process/);

      const served = await ledgerCheck();
      expect(served.out).toContain(`served by npm start (process ${process.pid})`);
      expect(served.out).toMatch(new RegExp(`customer ${CUSTOMER} \\(${id}\\): balance`));
      expect(served.code).toBe(1);
    } finally {
      await db.stop();
    }
    expect(existsSync(lockFile())).toBe(false);

    const opened = await ledgerCheck();
    expect(opened.out).toContain("Checking the embedded database in");
    expect(opened.out).not.toContain("served by");
    expect(opened.out).toContain(`customer ${CUSTOMER}`);
    expect(opened.code).toBe(1);
    expect(existsSync(lockFile())).toBe(false);

    // A record left by a process that died does not keep the database closed.
    writeFileSync(lockFile(), JSON.stringify({ pid: opened.pid, url: "postgresql://postgres:postgres@127.0.0.1:1/postgres" }));
    db = await openLocalDatabase(dataDir);
    try {
      await query(db.url, "UPDATE credit_balances SET balance_minor = 0");
      const repaired = await ledgerCheck();
      expect(repaired).toMatchObject({ code: 0, out: expect.stringContaining("Ledger is consistent.") });
    } finally {
      await db.stop();
    }
  });
});
