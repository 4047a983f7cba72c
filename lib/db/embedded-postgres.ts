import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { freePort } from "./free-port";

export type EmbeddedPostgres = { url: string; port: number; stop(): Promise<void> };

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it over the Postgres wire protocol on loopback,
 * so the app talks to it through the same pg adapter as to a real server. `dataDir` keeps the data;
 * omit it for an in-memory database. stop() closes the socket and then the database cleanly.
 */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port?: number; maxConnections?: number } = {}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(opts.dataDir ?? "memory://");
  const port = opts.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: opts.maxConnections ?? 64 });
  await server.start();
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
