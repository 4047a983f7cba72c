import "server-only";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * The one thing ledger code needs from a connection: run a statement and get its rows. Ledger writes run
 * inside ingestion's pg transaction (pgSql) and inside Prisma transactions (prismaSql) alike, so they are
 * written once, in SQL. Bigint columns are selected as ::text (pg and Prisma return int8 differently) and
 * bigint parameters are passed as strings with a ::bigint cast.
 */
export type Sql = { query<R>(text: string, params?: unknown[]): Promise<R[]> };

/** A pg Pool, PoolClient or Client. */
type PgQueryable = { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> };

export function pgSql(client: PgQueryable): Sql {
  return { query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[] };
}

export function prismaSql(tx: Prisma.TransactionClient): Sql {
  return { query: <R>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<R[]>(text, ...params) };
}

/** A bigint for a ::bigint parameter. */
export const big = (n: bigint): string => n.toString();
