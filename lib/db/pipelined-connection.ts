import type { Pool, PoolClient } from "pg";
import { withCoalescedWrites } from "./coalesce-writes";

/**
 * Runs `work` on a pool connection switched to pg's pipeline mode: statements queued without awaiting
 * go out at once instead of one round trip each, and those queued in one turn of the event loop leave
 * in one socket write (withCoalescedWrites). Every statement is awaited before the connection goes back.
 * A connection that failed outside a statement (no SQLSTATE) is destroyed, not returned to the pool.
 */
export async function withPipelinedConnection<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const pipelined = client as PoolClient & { pipeline: boolean };
  pipelined.pipeline = true;
  let broken: Error | undefined;
  try {
    return await withCoalescedWrites(client, () => work(client));
  } catch (e) {
    if (!(e as { code?: string }).code) broken = e as Error;
    throw e;
  } finally {
    pipelined.pipeline = false;
    client.release(broken);
  }
}
