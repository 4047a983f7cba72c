import "server-only";
import type { Sql } from "@/lib/db/sql";

export type InvoiceProblem = { customerId: string; externalId: string; check: string; message: string };

type Row = { customer_id: string; external_id: string; number: string | null; id: string; detail: string };

/** Finalized invoices whose charge lines do not add up to their total, or whose credits line is not their credits. */
const LINES = `
SELECT i.customer_id::text, c.external_id, i.number, i.id::text,
  format('total %s, charge lines %s; credits %s, credits lines %s', i.total_minor, COALESCE(sum(l.amount_minor) FILTER (WHERE l.kind <> 'CREDITS_APPLIED'), 0),
         i.credits_minor, -COALESCE(sum(l.amount_minor) FILTER (WHERE l.kind = 'CREDITS_APPLIED'), 0)) AS detail
FROM invoices i JOIN customers c ON c.id = i.customer_id
LEFT JOIN invoice_lines l ON l.customer_id = i.customer_id AND l.invoice_id = i.id
WHERE i.status <> 'DRAFT' AND ($1::uuid[] IS NULL OR i.customer_id = ANY($1::uuid[]))
GROUP BY i.customer_id, c.external_id, i.number, i.id
HAVING i.total_minor <> COALESCE(sum(l.amount_minor) FILTER (WHERE l.kind <> 'CREDITS_APPLIED'), 0)
    OR i.credits_minor <> -COALESCE(sum(l.amount_minor) FILTER (WHERE l.kind = 'CREDITS_APPLIED'), 0)`;

/** Paid invoices paid other than exactly once, and payments applied to an invoice more than once. */
const PAYMENTS = `
SELECT i.customer_id::text, c.external_id, i.number, i.id::text,
  format('status %s, amount due %s, paid %s, %s successful payment attempt(s)', i.status, i.amount_due_minor, i.amount_paid_minor, count(a.attempt)) AS detail
FROM invoices i JOIN customers c ON c.id = i.customer_id
LEFT JOIN invoice_payment_attempts a ON a.customer_id = i.customer_id AND a.invoice_id = i.id AND a.status = 'SUCCEEDED'
WHERE $1::uuid[] IS NULL OR i.customer_id = ANY($1::uuid[])
GROUP BY i.customer_id, c.external_id, i.number, i.id
HAVING count(a.attempt) > 1
    OR (i.status = 'PAID' AND (i.amount_paid_minor <> i.amount_due_minor OR i.paid_at IS NULL))
    OR (i.status <> 'PAID' AND i.amount_paid_minor <> 0)
    OR (count(a.attempt) = 1 AND i.paid_payment_intent_id IS NULL)`;

/** Card refunds of credit notes that exceed the payment they refund, or that succeeded without a Stripe Refund. */
const REFUNDS = `
SELECT i.customer_id::text, c.external_id, i.number, i.id::text,
  format('payment %s of %s refunded %s by credit notes (%s succeeded without a refund id)', a.payment_intent_id, a.amount_minor,
         sum(n.refunded_to_card_minor), count(*) FILTER (WHERE n.refund_status = 'SUCCEEDED' AND n.refund_id IS NULL)) AS detail
FROM credit_notes n
JOIN invoice_payment_attempts a ON a.customer_id = n.customer_id AND a.payment_intent_id = n.refund_payment_intent_id
JOIN invoices i ON i.customer_id = a.customer_id AND i.id = a.invoice_id
JOIN customers c ON c.id = i.customer_id
WHERE $1::uuid[] IS NULL OR n.customer_id = ANY($1::uuid[])
GROUP BY i.customer_id, c.external_id, i.number, i.id, a.payment_intent_id, a.amount_minor
HAVING sum(n.refunded_to_card_minor) > a.amount_minor
    OR count(*) FILTER (WHERE n.refund_status = 'SUCCEEDED' AND n.refund_id IS NULL) > 0`;

/** Number sequences whose numbers have gaps or duplicates (all customers: numbers are global). */
const NUMBERS = `
SELECT s.prefix, s.year, s.last_number, count(i.number) AS used, count(DISTINCT i.number) AS distinct_used
FROM invoice_number_sequences s
LEFT JOIN invoices i ON i.number LIKE s.prefix || '-' || s.year || '-%' AND i.number ~ ('^' || s.prefix || '-' || s.year || '-[0-9]{6,}$')
GROUP BY s.prefix, s.year, s.last_number
HAVING count(i.number) <> s.last_number OR count(DISTINCT i.number) <> count(i.number)`;

/**
 * Verifies invoices (beside the credit ledger, in the same snapshot): every finalized invoice's lines add up
 * to its total and its credits; every paid invoice was paid exactly its amount due, by one payment; no payment
 * is refunded beyond its amount by credit notes; and each
 * number sequence handed out its numbers without gaps or duplicates.
 */
export async function checkInvoices(
  sql: Sql,
  customerIds: string[] | null = null,
): Promise<InvoiceProblem[]> {
  const problems: InvoiceProblem[] = [];
  const name = (r: Row) => `invoice ${r.number ?? r.id}`;
  for (const r of await sql.query<Row>(LINES, [customerIds]))
    problems.push({
      customerId: r.customer_id,
      externalId: r.external_id,
      check: "invoice_lines",
      message: `${name(r)}: ${r.detail}`,
    });
  for (const r of await sql.query<Row>(PAYMENTS, [customerIds]))
    problems.push({
      customerId: r.customer_id,
      externalId: r.external_id,
      check: "invoice_payment",
      message: `${name(r)}: ${r.detail}`,
    });
  for (const r of await sql.query<Row>(REFUNDS, [customerIds]))
    problems.push({
      customerId: r.customer_id,
      externalId: r.external_id,
      check: "credit_note_refunds",
      message: `${name(r)}: ${r.detail}`,
    });
  if (customerIds === null) {
    for (const s of await sql.query<{
      prefix: string;
      year: number;
      last_number: number;
      used: string;
      distinct_used: string;
    }>(NUMBERS)) {
      problems.push({
        customerId: "-",
        externalId: "-",
        check: "invoice_numbers",
        message: `${s.prefix}-${s.year}: ${s.last_number} numbers handed out, ${s.used} on invoices (${s.distinct_used} distinct)`,
      });
    }
  }
  return problems;
}
