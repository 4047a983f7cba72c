import "server-only";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * The next invoice number for `prefix` in `year`, e.g. MTR-2026-000042. Taken in the finalizing
 * transaction: the sequence row stays locked until it commits, so concurrent finalizations queue for
 * it, and a rolled-back one gives its number back. Numbers are gapless and unique.
 */
export async function assignInvoiceNumber(
  tx: Prisma.TransactionClient,
  prefix: string,
  year: number,
): Promise<string> {
  const rows = await tx.$queryRaw<{ last_number: number }[]>`
    INSERT INTO invoice_number_sequences (prefix, year, last_number) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last_number = invoice_number_sequences.last_number + 1
    RETURNING last_number`;
  return formatInvoiceNumber(prefix, year, rows[0].last_number);
}

export function formatInvoiceNumber(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, "0")}`;
}
