import type { Socket } from "node:net";
import type { PoolClient } from "pg";

type Query = PoolClient["query"];

/**
 * While `work` runs, the statements sent on `client` within one turn of the event loop leave in one
 * socket write. A pipelined group transaction queues several at once (BEGIN and the event insert; the
 * duplicates' lookup and COMMIT; in a careful write also SAVEPOINT and RELEASE), and
 * pg writes each on its own: one system call each and, on loopback, one wake-up
 * of the database backend each. Here the first statement of a turn corks the socket and the turn's end
 * (process.nextTick, after the promise reactions that queue the others) uncorks it.
 */
export async function withCoalescedWrites<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  const socket = (client as unknown as { connection?: { stream?: Socket } }).connection?.stream;
  if (typeof socket?.cork !== "function") return work();
  const query = client.query as (...args: unknown[]) => unknown;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  const coalescing = (...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return query.apply(client, args);
  };
  const own = client as unknown as { query: Query };
  own.query = coalescing as Query;
  try {
    return await work();
  } finally {
    delete (own as { query?: Query }).query; // back to pg's own method
  }
}
