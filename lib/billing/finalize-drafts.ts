import "server-only";
import { queueNotifications } from "@/lib/notifications/queue-notifications";
import type { Sql } from "@/lib/db/sql";
import { billToSnapshot } from "./bill-to";
import { collectJobKey } from "./collection/schedule-collection";
import { composeInvoice } from "./compose-invoice";
import { formatInvoiceNumber } from "./format-invoice-number";
import { loadPeriodInputs, type VersionCache } from "./load-period-inputs";
import { writeInvoiceLines } from "./write-invoice-lines";

const DAY_MS = 86_400_000;

export type DraftRef = { customerId: string; invoiceId: string };
export type Finalized = DraftRef & { number: string; status: "OPEN" | "PAID"; amountDueMinor: bigint };

const LOCK_CUSTOMERS = `SELECT id FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

const LOCK_DRAFTS = `
SELECT i.customer_id::text, i.id::text, i.period_start, i.period_end, c.name, c.currency,
  p.legal_name, p.email, p.address_line1, p.address_line2, p.city, p.postal_code, p.region, p.country, p.net_terms_days
FROM invoices i JOIN unnest($1::uuid[], $2::uuid[]) AS x(customer_id, id) ON i.customer_id = x.customer_id AND i.id = x.id
JOIN customers c ON c.id = i.customer_id
LEFT JOIN customer_billing_profiles p ON p.customer_id = i.customer_id
WHERE i.status = 'DRAFT'
ORDER BY i.period_end, i.customer_id, i.id
FOR UPDATE OF i`;

const TAKE_NUMBERS = `
INSERT INTO invoice_number_sequences AS s (prefix, year, last_number) VALUES ($1, $2, $3)
ON CONFLICT (prefix, year) DO UPDATE SET last_number = s.last_number + EXCLUDED.last_number
RETURNING last_number`;

const MARK_FINAL = `
UPDATE invoices i SET status = x.status::"InvoiceStatus", number = x.number, finalized_at = $1::timestamptz, due_at = x.due_at, bill_to = x.bill_to,
  charges_seen_at = clock_timestamp(), paid_at = CASE WHEN x.status = 'PAID' THEN $1::timestamptz ELSE NULL END, updated_at = now()
FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[]) AS x(customer_id, id, status, number, due_at, bill_to)
WHERE i.customer_id = x.customer_id AND i.id = x.id`;

const FIRST_ATTEMPTS = `
INSERT INTO invoice_payment_attempts (customer_id, invoice_id, attempt, kind, amount_minor, created_at)
SELECT x.customer_id, x.id, 1, 'OFF_SESSION', x.amount, $1::timestamptz FROM unnest($2::uuid[], $3::uuid[], $4::bigint[]) AS x(customer_id, id, amount)
ON CONFLICT DO NOTHING`;

const COLLECT_JOBS = `
INSERT INTO jobs (kind, key, payload, run_at)
SELECT 'invoice.collect', x.key, x.payload, $1::timestamptz FROM unnest($2::text[], $3::jsonb[]) AS x(key, payload)
ON CONFLICT (key) DO NOTHING`;

type DraftRow = {
  customer_id: string;
  id: string;
  period_start: Date;
  period_end: Date;
  name: string;
  currency: string;
  legal_name: string | null;
  email: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  postal_code: string | null;
  region: string | null;
  country: string | null;
  net_terms_days: number | null;
};

/**
 * Finalizes DRAFT invoices at `at`, in the caller's transaction and a fixed number of statements whatever
 * their number. Under their customers' locks (ingest transactions hold a key-share lock on a customer while
 * they store its events, so every event stored before this point is in the charges read here, and later
 * ones wait) the lines are composed once more; each invoice gets the billing details as they are now, a due
 * date (net terms) and the next gapless number, taken last, so the number sequence stays locked only for
 * the final statements; it becomes OPEN with its first off-session charge scheduled at `at` (attempt 1 and
 * its job, as collection/schedule-collection.ts schedules later ones), or PAID when nothing is due. Invoices no longer drafts (another runner finalized them)
 * are skipped; the ones finalized are returned.
 */
export async function finalizeDrafts(
  sql: Sql,
  refs: DraftRef[],
  at: Date,
  opts: { numberPrefix: string; versions?: VersionCache },
): Promise<Finalized[]> {
  if (refs.length === 0) return [];
  await sql.query(LOCK_CUSTOMERS, [[...new Set(refs.map((r) => r.customerId))]]);
  const drafts = await sql.query<DraftRow>(LOCK_DRAFTS, [
    refs.map((r) => r.customerId),
    refs.map((r) => r.invoiceId),
  ]);
  if (drafts.length === 0) return [];
  const inputs = await loadPeriodInputs(
    sql,
    drafts.map((d) => ({
      customerId: d.customer_id,
      currency: d.currency,
      period: { start: d.period_start, end: d.period_end },
    })),
    opts.versions,
  );
  const composed = inputs.map(composeInvoice);
  await writeInvoiceLines(
    sql,
    drafts.map((d, i) => ({ customerId: d.customer_id, invoiceId: d.id, invoice: composed[i] })),
    { replace: true },
  );
  const year = at.getUTCFullYear();
  const [{ last_number }] = await sql.query<{ last_number: number }>(TAKE_NUMBERS, [
    opts.numberPrefix,
    year,
    drafts.length,
  ]);
  const first = last_number - drafts.length + 1;
  const out: Finalized[] = drafts.map((d, i) => ({
    customerId: d.customer_id,
    invoiceId: d.id,
    number: formatInvoiceNumber(opts.numberPrefix, year, first + i),
    status: composed[i].amountDueMinor === 0n ? "PAID" : "OPEN",
    amountDueMinor: composed[i].amountDueMinor,
  }));
  await sql.query(MARK_FINAL, [
    at.toISOString(),
    out.map((f) => f.customerId),
    out.map((f) => f.invoiceId),
    out.map((f) => f.status),
    out.map((f) => f.number),
    drafts.map((d) => new Date(at.getTime() + (d.net_terms_days ?? 0) * DAY_MS).toISOString()),
    drafts.map((d) => JSON.stringify(billToSnapshot(d.name, d.legal_name === null ? null : profileOf(d)))),
  ]);
  await queueNotifications(
    sql,
    out.flatMap((f, i) => {
      const payload = {
        invoiceId: f.invoiceId,
        number: f.number,
        kind: "standard",
        status: f.status.toLowerCase(),
        currency: drafts[i].currency,
        periodStart: drafts[i].period_start.toISOString(),
        periodEnd: drafts[i].period_end.toISOString(),
        totalMinor: composed[i].totalMinor.toString(),
        creditsMinor: composed[i].creditsMinor.toString(),
        amountDueMinor: f.amountDueMinor.toString(),
      };
      const finalized = { customerId: f.customerId, kind: "invoice.finalized" as const, payload };
      // Nothing due: paid on finalize.
      return f.status === "PAID"
        ? [
            finalized,
            {
              customerId: f.customerId,
              kind: "invoice.paid" as const,
              payload: { ...payload, by: "finalize" },
            },
          ]
        : [finalized];
    }),
  );
  const open = out.filter((f) => f.status === "OPEN");
  if (open.length) {
    await sql.query(FIRST_ATTEMPTS, [
      at.toISOString(),
      open.map((f) => f.customerId),
      open.map((f) => f.invoiceId),
      open.map((f) => f.amountDueMinor.toString()),
    ]);
    await sql.query(COLLECT_JOBS, [
      at.toISOString(),
      open.map((f) => collectJobKey(f.invoiceId, 1)),
      open.map((f) => JSON.stringify({ customerId: f.customerId, invoiceId: f.invoiceId, attempt: 1 })),
    ]);
  }
  return out;
}

function profileOf(d: DraftRow) {
  return {
    legalName: d.legal_name ?? "",
    email: d.email ?? "",
    addressLine1: d.address_line1 ?? "",
    addressLine2: d.address_line2 ?? "",
    city: d.city ?? "",
    postalCode: d.postal_code ?? "",
    region: d.region ?? "",
    country: d.country ?? "",
  };
}
