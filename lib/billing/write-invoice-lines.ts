import "server-only";
import type { Sql } from "@/lib/db/sql";
import type { ComposedInvoice } from "./invoice-types";

export type InvoiceComposition = { customerId: string; invoiceId: string; invoice: ComposedInvoice };

const DELETE_LINES = `
DELETE FROM invoice_lines l USING unnest($1::uuid[], $2::uuid[]) AS x(customer_id, invoice_id)
WHERE l.customer_id = x.customer_id AND l.invoice_id = x.invoice_id`;

const INSERT_LINES = `
INSERT INTO invoice_lines (customer_id, invoice_id, position, kind, description, subscription_id, meter_id, from_at, to_at, quantity, included_units, amount_exact, amount_minor, details)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::"InvoiceLineKind"[], $5::text[], $6::uuid[], $7::uuid[], $8::timestamptz[], $9::timestamptz[],
                     $10::numeric[], $11::numeric[], $12::numeric[], $13::bigint[], $14::jsonb[])`;

const UPDATE_TOTALS = `
UPDATE invoices i SET currency = x.currency, total_minor = x.total, credits_minor = x.credits, amount_due_minor = x.due, updated_at = now()
FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[]) AS x(customer_id, id, currency, total, credits, due)
WHERE i.customer_id = x.customer_id AND i.id = x.id`;

/**
 * Writes invoices' lines and totals from their compositions, in three statements whatever their number
 * (inside the caller's transaction). `replace`: their earlier lines are deleted first.
 */
export async function writeInvoiceLines(
  sql: Sql,
  items: InvoiceComposition[],
  opts: { replace: boolean },
): Promise<void> {
  if (items.length === 0) return;
  if (opts.replace)
    await sql.query(DELETE_LINES, [items.map((i) => i.customerId), items.map((i) => i.invoiceId)]);
  const cols: unknown[][] = Array.from({ length: 14 }, () => []);
  for (const { customerId, invoiceId, invoice } of items) {
    invoice.lines.forEach((l, position) => {
      const row = [
        customerId,
        invoiceId,
        position,
        l.kind,
        l.description,
        l.subscriptionId,
        l.meterId,
        l.fromAt.toISOString(),
        l.toAt.toISOString(),
        l.quantity,
        l.includedUnits,
        l.amountExact,
        l.amountMinor.toString(),
        JSON.stringify(l.details),
      ];
      row.forEach((v, c) => cols[c].push(v));
    });
  }
  if (cols[0].length) await sql.query(INSERT_LINES, cols);
  await sql.query(UPDATE_TOTALS, [
    items.map((i) => i.customerId),
    items.map((i) => i.invoiceId),
    items.map((i) => i.invoice.currency),
    items.map((i) => i.invoice.totalMinor.toString()),
    items.map((i) => i.invoice.creditsMinor.toString()),
    items.map((i) => i.invoice.amountDueMinor.toString()),
  ]);
}
