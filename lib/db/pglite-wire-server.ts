import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PGliteWireConnection } from "./pglite-wire-connection";
import { PGliteSessionOwner } from "./pglite-session-owner";

export type PGliteWireServer = { port: number; close(): Promise<void> };

/**
 * Serves one PGlite over the Postgres wire protocol so pg (and Prisma through it) can use it like a
 * server. PGlite is a single session, so connections take turns owning it (pglite-session-owner.ts):
 * one connection's statements never interleave with another's exchange or run inside its transaction.
 * Session-level state (SET, named prepared statements, temp tables, advisory locks) is shared by all.
 * port 0 picks a free port; close() closes every connection (rolling back what each left open)
 * before it resolves, so the caller can close the database afterwards.
 */
export async function servePGliteOverWire(db: PGlite, opts: { host: string; port: number; maxConnections: number }): Promise<PGliteWireServer> {
  const session = new PGliteSessionOwner<PGliteWireConnection>();
  const connections = new Set<PGliteWireConnection>();
  const server = net.createServer((socket) => {
    const connection = new PGliteWireConnection(socket, db, session);
    connections.add(connection);
    void connection.finished.then(() => connections.delete(connection));
  });
  server.maxConnections = opts.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      const open = [...connections];
      for (const connection of open) connection.close();
      await Promise.all(open.map((connection) => connection.finished));
      await stopped;
    },
  };
}
