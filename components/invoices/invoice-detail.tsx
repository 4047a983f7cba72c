import type { ReactNode } from "react";
import type { InvoiceDetail } from "@/lib/billing/get-invoice";
import { formatDay } from "@/lib/dates/format-date";
import { CreditNotes } from "./credit-notes";
import { InvoiceLines } from "./invoice-lines";
import { InvoiceRelations } from "./invoice-relations";
import { PaymentAttempts } from "./payment-attempts";
import { InvoiceStatusBadge } from "./invoice-status-badge";
import { InvoiceTotals } from "./invoice-totals";
import { periodText } from "./invoice-period";

const day = (iso: string | null) => (iso ? formatDay(new Date(iso)) : "—");

function BillTo({ invoice }: { invoice: InvoiceDetail }) {
  if (!invoice.billTo) {
    return (
      <p className="text-sm text-slate-500">
        Addressed to {invoice.customer.name}&apos;s billing details as they are when the invoice is finalized.
      </p>
    );
  }
  const b = invoice.billTo;
  return (
    <address className="text-sm not-italic" data-testid="invoice-bill-to">
      <div className="font-medium">{b.name}</div>
      {b.email && <div>{b.email}</div>}
      {b.addressLines.map((line) => (
        <div key={line}>{line}</div>
      ))}
      {b.country && <div>{b.country}</div>}
    </address>
  );
}

/**
 * An invoice as the customer reads it: bill-to, period, status, dates, every line with its tiers, totals,
 * payment attempts, credit notes and related invoices (linked with `href`). `actions` go beside the status;
 * `notice` above the header; `pdfHref(number)`, for a finalized invoice, links its PDF (and its credit notes').
 */
export function InvoiceDetailView({
  invoice,
  actions,
  notice,
  href,
  pdfHref,
}: {
  invoice: InvoiceDetail;
  actions?: ReactNode;
  notice?: ReactNode;
  href: (number: string) => string;
  pdfHref?: (number: string) => string;
}) {
  const finalized = invoice.status !== "draft" && invoice.status !== "upcoming";
  return (
    <article
      className="space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      data-testid="invoice-detail"
    >
      {notice}
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">
            Invoice <span className="font-mono">{invoice.number}</span>
          </h1>
          <p className="text-sm text-slate-500">{periodText(invoice.period)}</p>
        </div>
        <div className="flex items-center gap-3">
          <InvoiceStatusBadge status={invoice.status} />
          {pdfHref && finalized && (
            <a
              href={pdfHref(invoice.number)}
              className="text-sm text-indigo-700 hover:underline"
              data-testid="invoice-pdf"
            >
              Download PDF
            </a>
          )}
          {actions}
        </div>
      </header>
      <div className="grid gap-6 md:grid-cols-2">
        <section>
          <h2 className="text-sm font-medium text-slate-500">Bill to</h2>
          <BillTo invoice={invoice} />
        </section>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Period</dt>
          <dd>{periodText(invoice.period)}</dd>
          <dt className="text-slate-500">Issued</dt>
          <dd>{day(invoice.finalizedAt)}</dd>
          <dt className="text-slate-500">Due</dt>
          <dd data-testid="invoice-due">{day(invoice.dueAt)}</dd>
          {invoice.paidAt && (
            <>
              <dt className="text-slate-500">Paid</dt>
              <dd>{day(invoice.paidAt)}</dd>
            </>
          )}
          {invoice.finalizeAfter && (
            <>
              <dt className="text-slate-500">Finalized after</dt>
              <dd>{day(invoice.finalizeAfter)}</dd>
            </>
          )}
        </dl>
      </div>
      <section>
        <h2 className="text-lg font-semibold">Lines</h2>
        <InvoiceLines lines={invoice.lines} currency={invoice.currency} />
        <InvoiceTotals invoice={invoice} />
      </section>
      <InvoiceRelations invoice={invoice} href={href} />
      <CreditNotes notes={invoice.creditNotes} pdfHref={pdfHref} />
      <PaymentAttempts payments={invoice.payments} />
    </article>
  );
}
