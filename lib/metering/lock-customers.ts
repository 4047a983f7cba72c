import "server-only";
import type { PoolClient } from "pg";
import { preparedStatement } from "@/lib/db/prepared-statement";

const LOCK_CUSTOMERS = preparedStatement("meterly_lock_customers", "SELECT id FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE");

/**
 * Takes a key-share lock on each customer whose events a transaction writes, once per transaction
 * (usage_events has no foreign key, whose check would take the same lock once per event row), and
 * fails if one is gone. The lock is what a foreign key gave: voidEvents' FOR UPDATE on the customer waits
 * for ingest transactions in flight and holds new ones off, and a customer cannot be deleted under them.
 * Ids in one order, so concurrent groups take their locks in the same order. (The usual ingest write
 * takes the same locks in its event insert: lib/metering/write-events.ts.)
 */
export async function lockCustomers(client: PoolClient, customerIds: readonly string[]): Promise<void> {
  const { rowCount } = await client.query(LOCK_CUSTOMERS([customerIds]));
  if (rowCount !== customerIds.length) throw customersGone(customerIds.length, rowCount ?? 0);
}

/** The error of a write whose customers were not all found when locked. */
export function customersGone(expected: number, found: number): Error {
  return new Error(`${expected - found} of the customers these events name no longer exist`);
}
