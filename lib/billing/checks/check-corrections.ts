import "server-only";
import type { Sql } from "@/lib/db/sql";
import { composeInvoice } from "../compose-invoice";
import { CHARGES_CHANGED_SINCE_SEEN, CORRECTABLE_INVOICES } from "../corrections/charges-changed";
import { loadPeriodInputs, type VersionCache } from "../load-period-inputs";
import type { InvoiceProblem } from "./check-invoices";

type Row = {
  customer_id: string;
  external_id: string;
  id: string;
  number: string;
  currency: string;
  period_start: Date;
  period_end: Date;
  billed: string;
  pending: boolean;
};

/**
 * Each finalized invoice (not void), what it billed for its period's charges: its own total, plus its
 * supplements' (not void), less what its corrections' credit notes took off the charge lines (an admin's
 * credit note lowers what is owed, not the charges). `pending`: the period's
 * charges or credits changed after the invoice last read them, so a correction is still to be issued.
 */
const BILLED = `
SELECT i.customer_id::text, c.external_id, i.id::text, i.number, i.currency, i.period_start, i.period_end,
  (i.total_minor
    + COALESCE((SELECT sum(s.total_minor) FROM invoices s WHERE s.customer_id = i.customer_id AND s.parent_invoice_id = i.id AND s.status <> 'VOID'), 0)
    + COALESCE((SELECT sum((l->>'amountMinor')::bigint) FROM credit_notes n, jsonb_array_elements(n.lines) l
                WHERE n.customer_id = i.customer_id AND n.invoice_id = i.id AND n.kind = 'CORRECTION' AND l->>'kind' <> 'CREDITS_APPLIED'), 0))::text AS billed,
  ${CHARGES_CHANGED_SINCE_SEEN} AS pending
FROM invoices i JOIN customers c ON c.id = i.customer_id
WHERE ${CORRECTABLE_INVOICES}
  AND ($1::uuid[] IS NULL OR i.customer_id = ANY($1::uuid[]))
ORDER BY i.customer_id, i.period_start`;

const CHUNK = 500;

/**
 * Verifies that every finalized invoice, with its supplements and credit notes, bills exactly its period's
 * charges as they are now (composed by the same code). An invoice whose charges changed since it read them
 * is skipped: the billing sweep has a correction to issue for it first.
 */
export async function checkCorrections(
  sql: Sql,
  customerIds: string[] | null = null,
): Promise<InvoiceProblem[]> {
  const rows = (await sql.query<Row>(BILLED, [customerIds])).filter((r) => !r.pending);
  const problems: InvoiceProblem[] = [];
  const versions: VersionCache = new Map();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inputs = await loadPeriodInputs(
      sql,
      chunk.map((r) => ({
        customerId: r.customer_id,
        currency: r.currency,
        period: { start: r.period_start, end: r.period_end },
      })),
      versions,
    );
    chunk.forEach((r, j) => {
      const now = composeInvoice(inputs[j]).totalMinor;
      if (now !== BigInt(r.billed)) {
        problems.push({
          customerId: r.customer_id,
          externalId: r.external_id,
          check: "invoice_corrections",
          message: `invoice ${r.number}: its period's charges now total ${now}, but it and its corrections bill ${r.billed}`,
        });
      }
    });
  }
  return problems;
}
