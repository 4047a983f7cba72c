import type { TestProject } from "vitest/node";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { assertLedgerConsistent } from "../support/ledger-teardown";

let db: TestDatabase | undefined;

/** One migrated database for the whole vitest run, dropped at the end. */
export default async function setup(project: TestProject) {
  process.env.TEST_PG_SERVER_URL ??= process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  db = await createTestDatabase("vitest");
  project.provide("databaseUrl", db.url);
  return async () => {
    try {
      // The end of the suite: the credit ledger must be consistent after everything every test did.
      if (db) await assertLedgerConsistent(db.url);
    } finally {
      await db?.drop();
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
