import { requireAdmin } from "@/lib/auth/current-user";
import { INVOICE_STATUS_PARAMS, parseInvoiceStatusParam } from "@/lib/billing/invoice-status-param";
import { listInvoices } from "@/lib/billing/list-invoices";
import { listCustomers } from "@/lib/customers/list-customers";
import { isUuid } from "@/lib/db/is-uuid";
import { isAppError } from "@/lib/errors/app-error";
import { InvoiceTable } from "@/components/invoices/invoice-table";

export const dynamic = "force-dynamic";

const select = "rounded-md border border-slate-300 px-3 py-1.5 text-sm";

type Search = { status?: string; customer?: string };

/** Admin: every customer's invoices, newest period first; `?status=` and `?customer=<id>` filter. */
export default async function AdminInvoicesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const admin = await requireAdmin();
  const search = await searchParams;
  const customers = await listCustomers(admin);
  const customerId = search.customer && isUuid(search.customer) ? search.customer : undefined;
  let status;
  let problem: string | null = null;
  try {
    status = parseInvoiceStatusParam(search.status);
  } catch (e) {
    if (!isAppError(e)) throw e;
    problem = e.message;
  }
  const invoices = problem ? [] : await listInvoices(admin, { customerId, status });
  const filtered = !!(customerId || status);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Invoices</h1>
      <form className="flex flex-wrap items-end gap-3" data-testid="invoice-filters">
        <label className="block text-sm">
          Status
          <select name="status" defaultValue={search.status ?? ""} className={`${select} ml-2`}>
            <option value="">Any</option>
            {INVOICE_STATUS_PARAMS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          Customer
          <select name="customer" defaultValue={customerId ?? ""} className={`${select} ml-2`}>
            <option value="">All customers</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
          Filter
        </button>
      </form>
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      {invoices.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {filtered
            ? "No invoices match these filters. Choose “Any” and “All customers” to see every invoice."
            : "No invoices yet. Each subscribed customer's invoice is drafted when their billing period ends (npm run billing:run closes periods) and finalized after the grace period."}
        </p>
      ) : (
        <InvoiceTable
          invoices={invoices}
          showCustomer
          href={(inv) => `/admin/invoices/${inv.customer?.id}/${inv.id}`}
        />
      )}
    </div>
  );
}
