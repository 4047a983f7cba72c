import "server-only";
import { pool } from "./pool";
import { retryTransaction } from "./retry-transaction";
import { pgSql, type Sql } from "./sql";

/**
 * Runs `fn` in one transaction on a connection of the process's pg pool (for bulk work that Prisma's
 * per-statement overhead would slow down), retried on deadlock or serialization failure.
 */
export async function withPgTransaction<T>(
  fn: (sql: Sql) => Promise<T>,
  opts: { attempts?: number } = {},
): Promise<T> {
  return retryTransaction(
    async () => {
      const client = await pool().connect();
      try {
        await client.query("BEGIN");
        const result = await fn(pgSql(client));
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    { attempts: opts.attempts ?? 3 },
  );
}
