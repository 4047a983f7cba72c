import "server-only";
import { queueNotifications } from "@/lib/notifications/queue-notifications";
import type { Sql } from "@/lib/db/sql";
import { composeInvoice } from "./compose-invoice";
import { loadPeriodInputs, type VersionCache } from "./load-period-inputs";
import { writeInvoiceLines } from "./write-invoice-lines";

export type DraftRequest = {
  customerId: string;
  currency: string;
  period: { start: Date; end: Date };
  finalizeAfter: Date;
  subscriptionIds: string[];
};

const INSERT_DRAFTS = `
INSERT INTO invoices (customer_id, currency, period_start, period_end, finalize_after, updated_at)
SELECT x.*, now() FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[]) AS x
ON CONFLICT (customer_id, period_start, period_end) WHERE kind = 'STANDARD' DO NOTHING
RETURNING id::text, customer_id::text, period_start, period_end`;

const MOVE_CURSORS = `
UPDATE subscriptions s SET billed_through = x.period_end
FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, period_end)
WHERE s.id = x.id AND (s.billed_through IS NULL OR s.billed_through < x.period_end)`;

/**
 * Closes customers' periods (inside the caller's transaction): each period's invoice is created as a DRAFT
 * from its running charges, to be finalized from `finalizeAfter` on, and the subscriptions' cursors
 * (billed_through) move past it. One invoice per customer and period: a period another runner drafted
 * first is skipped (a unique index). Returns how many were created.
 */
export async function draftInvoices(
  sql: Sql,
  requests: DraftRequest[],
  versions: VersionCache = new Map(),
): Promise<number> {
  if (requests.length === 0) return 0;
  const created = await sql.query<{ id: string; customer_id: string; period_start: Date; period_end: Date }>(
    INSERT_DRAFTS,
    [
      requests.map((r) => r.customerId),
      requests.map((r) => r.currency),
      requests.map((r) => r.period.start.toISOString()),
      requests.map((r) => r.period.end.toISOString()),
      requests.map((r) => r.finalizeAfter.toISOString()),
    ],
  );
  const cursors = requests.flatMap((r) =>
    r.subscriptionIds.map((id) => [id, r.period.end.toISOString()] as const),
  );
  await sql.query(MOVE_CURSORS, [cursors.map((c) => c[0]), cursors.map((c) => c[1])]);
  if (created.length === 0) return 0;
  const byKey = new Map(
    requests.map((r) => [`${r.customerId}|${r.period.start.getTime()}|${r.period.end.getTime()}`, r]),
  );
  const made = created.map((c) => ({
    invoiceId: c.id,
    request: byKey.get(
      `${c.customer_id}|${new Date(c.period_start).getTime()}|${new Date(c.period_end).getTime()}`,
    )!,
  }));
  const inputs = await loadPeriodInputs(
    sql,
    made.map((m) => m.request),
    versions,
  );
  await queueNotifications(
    sql,
    made.map((m) => ({
      customerId: m.request.customerId,
      kind: "invoice.created" as const,
      payload: {
        invoiceId: m.invoiceId,
        status: "draft",
        currency: m.request.currency,
        periodStart: m.request.period.start.toISOString(),
        periodEnd: m.request.period.end.toISOString(),
        finalizeAfter: m.request.finalizeAfter.toISOString(),
      },
    })),
  );
  await writeInvoiceLines(
    sql,
    made.map((m, i) => ({
      customerId: m.request.customerId,
      invoiceId: m.invoiceId,
      invoice: composeInvoice(inputs[i]),
    })),
    { replace: false },
  );
  return created.length;
}
