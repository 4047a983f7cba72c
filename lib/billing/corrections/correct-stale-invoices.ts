import "server-only";
import { prisma } from "@/lib/db/client";
import { correctInvoice, type CorrectionResult } from "./correct-invoice";

/**
 * How far back a charge change may predate the moment an invoice read the charges and still be checked:
 * an ingest transaction stamps its rows with its start time, and may commit just after the invoice read.
 */
const SKEW = "5 minutes";

/**
 * Finds finalized invoices whose period's charges (or the credits that paid them) changed after the invoice
 * read them, and corrects each (a credit note or a supplemental invoice; nothing when the money is the same).
 * Run by the billing sweep, and right after a void so its credit note appears at once.
 */
export async function correctStaleInvoices(opts: { customerId?: string } = {}): Promise<CorrectionResult[]> {
  const stale = await prisma.$queryRaw<{ customer_id: string; id: string }[]>`
    SELECT i.customer_id::text, i.id::text FROM invoices i
    WHERE i.kind = 'STANDARD' AND i.status IN ('OPEN', 'PAID', 'UNCOLLECTIBLE') AND i.charges_seen_at IS NOT NULL
      AND (${opts.customerId ?? null}::uuid IS NULL OR i.customer_id = ${opts.customerId ?? null}::uuid)
      AND (EXISTS (SELECT 1 FROM period_meter_charges c WHERE c.customer_id = i.customer_id AND c.period_start = i.period_start
                   AND c.updated_at > i.charges_seen_at - ${SKEW}::interval)
        OR EXISTS (SELECT 1 FROM usage_credit_periods u WHERE u.customer_id = i.customer_id AND u.period_start = i.period_start
                   AND u.updated_at > i.charges_seen_at - ${SKEW}::interval))
    ORDER BY i.period_start`;
  const out: CorrectionResult[] = [];
  for (const s of stale) out.push(await correctInvoice(s.customer_id, s.id));
  return out;
}
