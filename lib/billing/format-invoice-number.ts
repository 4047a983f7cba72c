/** An invoice number: MTR-2026-000042 (numbers are taken in blocks by finalize-drafts.ts, gapless per prefix and year). */
export function formatInvoiceNumber(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, "0")}`;
}
