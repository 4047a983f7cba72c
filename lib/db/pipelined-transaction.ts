import type { PoolClient } from "pg";

/**
 * One transaction on `client` with as few round trips as the protocol allows: BEGIN is queued, not
 * awaited, so `write`'s first statement follows it at once; `lastRead(result)`, when it returns a query,
 * is queued back to back with COMMIT. Any failure rolls back and throws; a COMMIT that answers ROLLBACK
 * (the transaction was aborted by a queued statement) throws too, so nothing is returned uncommitted.
 */
export async function pipelinedTransaction<T, R>(
  client: PoolClient,
  write: () => Promise<T>,
  lastRead: (result: T) => Promise<R> | null = () => null,
): Promise<{ result: T; last: R | null }> {
  try {
    const began = client.query("BEGIN");
    began.catch(() => {}); // awaited below; its failure also fails the statements queued behind it
    const writing = write();
    writing.catch(() => {}); // awaited after BEGIN's answer, which comes first
    await began;
    const result = await writing;
    const reading = lastRead(result);
    reading?.catch(() => {}); // awaited with COMMIT
    const committing = client.query("COMMIT");
    committing.catch(() => {});
    const [last, commit] = await Promise.all([reading, committing]);
    if (commit.command !== "COMMIT") throw new Error(`COMMIT answered ${commit.command}: the transaction was rolled back`);
    return { result, last: last ?? null };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

/**
 * `work` in a savepoint of the open transaction: SAVEPOINT and RELEASE are queued, not awaited. On a
 * failure the transaction is rolled back to the savepoint (releasing what `work` locked) and the error
 * thrown. A failed RELEASE aborts the transaction, which pipelinedTransaction's COMMIT check catches.
 */
export async function inSavepoint<T>(client: PoolClient, name: string, work: () => Promise<T>): Promise<T> {
  const savepoint = client.query(`SAVEPOINT ${name}`);
  savepoint.catch(() => {}); // awaited below; its failure also fails work's statements queued behind it
  try {
    const result = await work();
    await savepoint;
    client.query(`RELEASE SAVEPOINT ${name}`).catch(() => {});
    return result;
  } catch (e) {
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
    throw e;
  }
}
