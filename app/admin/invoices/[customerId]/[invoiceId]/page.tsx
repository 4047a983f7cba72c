import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { getInvoice } from "@/lib/billing/get-invoice";
import { isUuid } from "@/lib/db/is-uuid";
import { CreditNoteForm } from "@/components/invoices/credit-note-form";
import { InvoiceActions } from "@/components/invoices/invoice-actions";
import { InvoiceDetailView } from "@/components/invoices/invoice-detail";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";
import { notFound } from "next/navigation";
import { invoiceAction } from "../../actions";
import { issueCreditNoteAction } from "../../credit-note-actions";

const CREDITABLE = new Set(["open", "paid", "uncollectible"]);

export const dynamic = "force-dynamic";

/**
 * Admin: one invoice of a customer with what its status allows (finalize now, void, mark uncollectible, mark
 * paid out of band, retry the payment now, issue a credit note) and, once finalized, its PDF.
 */
export default async function AdminInvoicePage({
  params,
}: {
  params: Promise<{ customerId: string; invoiceId: string }>;
}) {
  const admin = await requireAdmin();
  const { customerId, invoiceId } = await params;
  if (!isUuid(customerId)) notFound();
  const invoice = await notFoundOnMissing(getInvoice(admin, customerId, invoiceId));
  return (
    <div className="space-y-4">
      <div className="flex gap-4 text-sm">
        <Link href="/admin/invoices" className="text-indigo-700 hover:underline">
          ← Invoices
        </Link>
        <Link href={`/admin/customers/${invoice.customer.id}`} className="text-indigo-700 hover:underline">
          {invoice.customer.name}
        </Link>
      </div>
      <InvoiceDetailView
        invoice={invoice}
        href={(number) => `/admin/invoices/${invoice.customer.id}/${encodeURIComponent(number)}`}
        pdfHref={(number) =>
          `/api/admin/customers/${invoice.customer.id}/invoices/${encodeURIComponent(number)}/pdf`
        }
        actions={
          invoice.id && (
            <div className="space-y-3">
              <InvoiceActions
                customerId={invoice.customer.id}
                invoiceId={invoice.id}
                status={invoice.status}
                action={invoiceAction}
              />
              {CREDITABLE.has(invoice.status) && (
                <CreditNoteForm
                  customerId={invoice.customer.id}
                  invoiceId={invoice.id}
                  currency={invoice.currency}
                  action={issueCreditNoteAction}
                />
              )}
            </div>
          )
        }
      />
    </div>
  );
}
