import Link from "next/link";
import { requireMember } from "@/lib/auth/current-user";
import { getInvoice } from "@/lib/billing/get-invoice";
import { InvoiceDetailView } from "@/components/invoices/invoice-detail";
import { PayNowButton } from "@/components/invoices/pay-now-button";
import { PaymentReceived } from "@/components/invoices/payment-received";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";
import { payInvoiceAction } from "../actions";

export const dynamic = "force-dynamic";

const portalHref = (number: string) => `/invoices/${encodeURIComponent(number)}`;

/**
 * One of the member's invoices, by number (or id for a draft); another customer's is the 404 page. An unpaid
 * one can be paid now; back from Stripe's page (`?paid=1`) it refreshes until the payment is confirmed.
 */
export default async function InvoicePage({
  params,
  searchParams,
}: {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ paid?: string; canceled?: string }>;
}) {
  const user = await requireMember();
  const [{ number }, query] = await Promise.all([params, searchParams]);
  const invoice = await notFoundOnMissing(getInvoice(user, user.customerId, decodeURIComponent(number)));
  const payable =
    (invoice.status === "open" || invoice.status === "uncollectible") && invoice.amountDue.amountMinor > 0;
  const notice =
    query.paid === "1" ? (
      <PaymentReceived paid={invoice.status === "paid"} />
    ) : query.canceled === "1" && payable ? (
      <p role="status" className="rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
        Payment canceled: nothing was charged.
      </p>
    ) : null;
  return (
    <div className="space-y-4">
      <Link href="/invoices" className="text-sm text-indigo-700 hover:underline">
        ← Invoices
      </Link>
      <InvoiceDetailView
        invoice={invoice}
        href={portalHref}
        pdfHref={(number) => `/api/portal/invoices/${encodeURIComponent(number)}/pdf`}
        notice={notice}
        actions={
          payable &&
          invoice.id &&
          query.paid !== "1" && <PayNowButton invoiceId={invoice.id} action={payInvoiceAction} />
        }
      />
    </div>
  );
}
