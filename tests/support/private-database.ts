import { closeDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "./test-database";

/**
 * Points this test file (its process) at a database of its own, migrated and empty, so that a count of
 * every table's rows before and after a request sees only what the file itself did: other test files
 * write to the run's shared database at the same time. Call in beforeAll, before anything touches the
 * database; the returned function drops it.
 */
export async function usePrivateDatabase(label: string): Promise<() => Promise<void>> {
  const db: TestDatabase = await createTestDatabase(label);
  await closeDb();
  process.env.DATABASE_URL = db.url;
  if (env().DATABASE_URL !== db.url) throw new Error("the environment was read before the private database was set");
  return async () => {
    await closeDb();
    await db.drop();
  };
}
