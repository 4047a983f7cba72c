import "server-only";
import { prisma } from "@/lib/db/client";
import { CHARGES_CHANGED_SINCE_SEEN, CORRECTABLE_INVOICES } from "./charges-changed";
import { correctInvoice, type CorrectionResult } from "./correct-invoice";

const STALE = `
SELECT i.customer_id::text, i.id::text FROM invoices i
WHERE ${CORRECTABLE_INVOICES} AND ($1::uuid IS NULL OR i.customer_id = $1::uuid) AND ${CHARGES_CHANGED_SINCE_SEEN}
ORDER BY i.period_start`;

/**
 * Finds finalized invoices whose period's charges (or the credits that paid them) changed after the invoice
 * read them, and corrects each (a credit note or a supplemental invoice; nothing when the money is the same).
 * Run by the billing sweep, and right after a void so its credit note appears at once.
 */
export async function correctStaleInvoices(opts: { customerId?: string } = {}): Promise<CorrectionResult[]> {
  const stale = await prisma.$queryRawUnsafe<{ customer_id: string; id: string }[]>(
    STALE,
    opts.customerId ?? null,
  );
  const out: CorrectionResult[] = [];
  for (const s of stale) out.push(await correctInvoice(s.customer_id, s.id));
  return out;
}
