import "server-only";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency, type CurrencyCode } from "@/lib/money/currencies";
import type { Sql } from "@/lib/db/sql";

/** A locked wallet row: the balance and the seq of its latest ledger entry. */
export type Wallet = { customerId: string; currency: CurrencyCode; balanceMinor: bigint; lastEntrySeq: bigint };

type Row = { customer_id: string; currency: string; balance_minor: string; last_entry_seq: string };

const SELECT_LOCKED = `
SELECT customer_id::text, currency, balance_minor::text, last_entry_seq::text
FROM credit_balances WHERE customer_id = $1::uuid FOR UPDATE`;

const SELECT_LOCKED_OR_SKIP = `${SELECT_LOCKED} SKIP LOCKED`;

/** Creates the wallet in the customer's currency; the key-share lock on the customer comes first, as in ingestion. */
const CREATE = `
WITH c AS (SELECT id, currency FROM customers WHERE id = $1::uuid FOR KEY SHARE)
INSERT INTO credit_balances (customer_id, currency) SELECT id, currency FROM c
ON CONFLICT (customer_id) DO NOTHING
RETURNING customer_id::text`;

const toWallet = (r: Row): Wallet => ({
  customerId: r.customer_id,
  currency: parseCurrency(r.currency),
  balanceMinor: BigInt(r.balance_minor),
  lastEntrySeq: BigInt(r.last_entry_seq),
});

/**
 * Locks the customer's wallet row (FOR UPDATE) for the rest of the transaction, or returns null when the
 * customer has none (or, with skipLocked, when another transaction holds it). Every ledger change locks in this order: customer (key share), wallet, grants,
 * auto-recharge settings; so ledger transactions never deadlock one another.
 */
export async function lockWallet(sql: Sql, customerId: string, opts: { skipLocked?: boolean } = {}): Promise<Wallet | null> {
  const [row] = await sql.query<Row>(opts.skipLocked ? SELECT_LOCKED_OR_SKIP : SELECT_LOCKED, [customerId]);
  return row ? toWallet(row) : null;
}

/** Locks the customer's wallet, creating an empty one (in the customer's currency) first if needed; 404 for an unknown customer. */
export async function lockOrCreateWallet(sql: Sql, customerId: string): Promise<Wallet> {
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", "No such customer");
  const found = await lockWallet(sql, customerId);
  if (found) return found;
  await sql.query(CREATE, [customerId]);
  const wallet = await lockWallet(sql, customerId);
  if (!wallet) throw new AppError("NOT_FOUND", "No such customer");
  return wallet;
}
