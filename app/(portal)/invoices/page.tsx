import { requireMember } from "@/lib/auth/current-user";
import { listInvoices } from "@/lib/billing/list-invoices";
import { previewUpcomingInvoice } from "@/lib/billing/preview-upcoming-invoice";
import { formatDay } from "@/lib/dates/format-date";
import { InvoiceTable } from "@/components/invoices/invoice-table";
import { UpcomingInvoice } from "@/components/invoices/upcoming-invoice";

export const dynamic = "force-dynamic";

/** The member's upcoming invoice (live) and their invoice history. */
export default async function InvoicesPage() {
  const user = await requireMember();
  const [upcoming, invoices] = await Promise.all([
    previewUpcomingInvoice(user, user.customerId),
    listInvoices(user, { customerId: user.customerId }),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Invoices</h1>
        <p className="text-sm text-slate-500">
          What this period costs so far, and every invoice you have been sent.
        </p>
      </div>
      {upcoming ? (
        <UpcomingInvoice initial={upcoming} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          You are not on a plan yet, so nothing is being invoiced. Invoices start once your account manager
          assigns you a plan.
        </p>
      )}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">History</h2>
        {invoices.length === 0 ? (
          <p
            className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600"
            data-testid="invoices-empty"
          >
            No invoices yet.{" "}
            {upcoming
              ? `Your first invoice is created when your billing period ends on ${formatDay(new Date(upcoming.period.end))}.`
              : "Your first invoice is created at the end of your first billing period."}
          </p>
        ) : (
          <InvoiceTable
            invoices={invoices}
            href={(inv) => `/invoices/${inv.number === "draft" ? inv.id : inv.number}`}
          />
        )}
      </section>
    </div>
  );
}
