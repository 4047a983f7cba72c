import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { isPortOpen } from "@/lib/db/free-port";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";

export type TestDatabase = { url: string; kind: "server" | "embedded"; drop(): Promise<void> };

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Tests and e2e create, migrate and drop their own database; they refuse to touch a non-local server. */
function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`Refusing to run tests against a non-local database host "${host}"`);
}

/**
 * A fresh, migrated database for one run: on the server named by TEST_DATABASE_URL, else on
 * 127.0.0.1:5432 when it answers, else on an embedded in-memory PGlite started for the run.
 */
export async function createTestDatabase(label = "test"): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? ((await isPortOpen(5432)) ? "postgresql://postgres@127.0.0.1:5432/postgres" : null);
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
    await applyMigrations({ connectionString: embedded.url });
    return { url: embedded.url, kind: "embedded", drop: () => embedded.stop() };
  }
  assertLocal(serverUrl);
  const name = `meterly_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await applyMigrations({ connectionString: url.toString() });
  return {
    url: url.toString(),
    kind: "server",
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
