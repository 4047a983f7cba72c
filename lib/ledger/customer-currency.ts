import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency, type CurrencyCode } from "@/lib/money/currencies";

/** The customer's currency, with a key-share lock on the customer (the first lock of every ledger change); 404 if none. */
export async function lockCustomerCurrency(tx: Prisma.TransactionClient, customerId: string): Promise<CurrencyCode> {
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", "No such customer");
  const rows = await tx.$queryRaw<{ currency: string }[]>`SELECT currency FROM customers WHERE id = ${customerId}::uuid FOR KEY SHARE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", "No such customer");
  return parseCurrency(rows[0].currency);
}
