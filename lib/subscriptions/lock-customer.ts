import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency, type CurrencyCode } from "@/lib/money/currencies";

/**
 * Locks the customer row for a subscription change. Ingest transactions hold a key-share lock on it
 * while they store (and rate) the customer's events, so the change waits for them, and events stored
 * after it commits are rated against the new subscriptions.
 */
export async function lockCustomer(tx: Prisma.TransactionClient, customerId: string): Promise<{ id: string; currency: CurrencyCode; name: string }> {
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", "No such customer");
  const rows = await tx.$queryRaw<{ id: string; currency: string; name: string }[]>`
    SELECT id::text, currency, name FROM customers WHERE id = ${customerId}::uuid FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", "No such customer");
  return { id: rows[0].id, currency: parseCurrency(rows[0].currency), name: rows[0].name };
}
