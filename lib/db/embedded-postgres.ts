import { PGlite } from "@electric-sql/pglite";
import { servePGliteOverWire } from "./pglite-wire-server";

export type EmbeddedPostgres = { url: string; port: number; stop(): Promise<void> };

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it over the Postgres wire protocol on loopback,
 * so the app talks to it through the same pg adapter as to a real server. `dataDir` keeps the data;
 * omit it for an in-memory database. stop() closes the connections and then the database cleanly.
 */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port?: number; maxConnections?: number } = {}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(opts.dataDir ?? "memory://");
  // Port 0: the OS picks a free port at listen time (no window in which another process can take it).
  const server = await servePGliteOverWire(db, { host: "127.0.0.1", port: opts.port ?? 0, maxConnections: opts.maxConnections ?? 64 }).catch(async (err) => {
    await db.close();
    throw err;
  });
  const { port } = server;
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      await db.close();
    },
  };
}
