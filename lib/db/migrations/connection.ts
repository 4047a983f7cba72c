import { Client, type ClientBase } from "pg";

/**
 * Where to run: a connection string (a client is opened and closed here), or one connected
 * client (a `pg.Client` or a checked-out `PoolClient`, not inside a transaction). Not a Pool:
 * the advisory lock and the transactions must stay on one session.
 */
export type DbTarget = { connectionString: string; client?: undefined } | { client: ClientBase; connectionString?: undefined };

export async function withClient<T>(target: DbTarget, run: (client: ClientBase) => Promise<T>): Promise<T> {
  if (target.client) return run(target.client);
  const client = new Client({ connectionString: target.connectionString });
  // A dropped connection also rejects the pending query; this keeps the event from crashing the process.
  client.on("error", () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}
