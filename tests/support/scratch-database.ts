import { randomBytes } from "node:crypto";
import { Client } from "pg";

export type ScratchDatabase = {
  /** Connection string of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database (closing any connections still open to it). Safe to call twice. */
  drop(): Promise<void>;
};

/** The server tests create their databases on (env TEST_PG_SERVER_URL). */
export function testServerUrl(): string {
  return process.env.TEST_PG_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: testServerUrl() });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates an empty database with a unique name on the test server. */
export async function createScratchDatabase(prefix = "scratch"): Promise<ScratchDatabase> {
  const name = `meterly_${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`.toLowerCase();
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`Bad scratch database prefix: ${prefix}`);
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
