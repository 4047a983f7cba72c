import "server-only";
import type { Sql } from "@/lib/db/sql";

export type ReceivableInvoice = {
  customerId: string;
  customerName: string;
  invoiceId: string;
  number: string;
  status: "open" | "uncollectible";
  amountDueMinor: bigint;
  dueAt: Date | null;
  daysOverdue: number;
  /** Off-session attempts so far, and the next automatic one (dunning), if any. */
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
};

export type Receivables = {
  openMinor: bigint;
  overdueMinor: bigint;
  uncollectibleMinor: bigint;
  /** Invoices with a retry scheduled, by how many attempts failed so far. */
  dunning: { failedAttempts: number; invoices: number; amountMinor: bigint }[];
  failedPaymentsLast30Days: number;
  invoices: ReceivableInvoice[];
};

/** The unpaid (open or uncollectible) invoices of currency $1 with their failed attempts, oldest due first. */
export const UNPAID_INVOICES = `
SELECT i.customer_id::text, c.name, i.id::text, i.number, i.status::text, i.amount_due_minor::text, i.due_at,
  (SELECT count(*) FROM invoice_payment_attempts a WHERE a.customer_id = i.customer_id AND a.invoice_id = i.id AND a.status = 'FAILED')::int AS attempts,
  i.next_payment_attempt_at, i.last_payment_error
FROM invoices i JOIN customers c ON c.id = i.customer_id
WHERE i.currency = $1 AND i.status IN ('OPEN', 'UNCOLLECTIBLE') AND i.amount_due_minor > 0
ORDER BY i.due_at NULLS LAST, i.number
LIMIT 1000`;

/**
 * Accounts receivable in one currency at `at`: what open invoices owe, the overdue part (past their due
 * date), what was written off as uncollectible; the dunning pipeline (open invoices with a retry scheduled,
 * by failed attempts); failed payment attempts in the last 30 days; and the unpaid invoices, oldest due first.
 */
export async function receivables(sql: Sql, currency: string, at: Date): Promise<Receivables> {
  const [invoices, [failed]] = await Promise.all([
    sql.query<{
      customer_id: string;
      name: string;
      id: string;
      number: string;
      status: string;
      amount_due_minor: string;
      due_at: Date | null;
      attempts: number;
      next_payment_attempt_at: Date | null;
      last_payment_error: string | null;
    }>(UNPAID_INVOICES, [currency]),
    sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM invoice_payment_attempts a JOIN invoices i ON i.customer_id = a.customer_id AND i.id = a.invoice_id
       WHERE i.currency = $1 AND a.status = 'FAILED' AND a.created_at >= $2::timestamptz - interval '30 days' AND a.created_at <= $2::timestamptz`,
      [currency, at.toISOString()],
    ),
  ]);
  const list: ReceivableInvoice[] = invoices.map((r) => {
    const due = r.due_at ? new Date(r.due_at) : null;
    const overdueMs = due ? at.getTime() - due.getTime() : 0;
    return {
      customerId: r.customer_id,
      customerName: r.name,
      invoiceId: r.id,
      number: r.number,
      status: r.status === "OPEN" ? "open" : "uncollectible",
      amountDueMinor: BigInt(r.amount_due_minor),
      dueAt: due,
      daysOverdue: overdueMs > 0 ? Math.floor(overdueMs / 86_400_000) : 0,
      attempts: r.attempts,
      nextAttemptAt: r.next_payment_attempt_at ? new Date(r.next_payment_attempt_at) : null,
      lastError: r.last_payment_error,
    };
  });
  const open = list.filter((i) => i.status === "open");
  const stages = new Map<number, { failedAttempts: number; invoices: number; amountMinor: bigint }>();
  for (const i of open.filter((i) => i.nextAttemptAt)) {
    const s = stages.get(i.attempts) ?? { failedAttempts: i.attempts, invoices: 0, amountMinor: 0n };
    s.invoices++;
    s.amountMinor += i.amountDueMinor;
    stages.set(i.attempts, s);
  }
  const sum = (xs: ReceivableInvoice[]) => xs.reduce((s, i) => s + i.amountDueMinor, 0n);
  return {
    openMinor: sum(open),
    overdueMinor: sum(open.filter((i) => i.dueAt && i.dueAt.getTime() < at.getTime())),
    uncollectibleMinor: sum(list.filter((i) => i.status === "uncollectible")),
    dunning: [...stages.values()].sort((a, b) => a.failedAttempts - b.failedAttempts),
    failedPaymentsLast30Days: failed.n,
    invoices: list,
  };
}
