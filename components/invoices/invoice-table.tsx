import Link from "next/link";
import type { InvoiceListItem } from "@/lib/billing/list-invoices";
import type { InvoiceSummaryDto } from "@/lib/billing/invoice-dto";
import { DataTable, type Column } from "@/components/ui/data-table";
import { InvoiceStatusBadge } from "./invoice-status-badge";
import { periodText } from "./invoice-period";

type Row = InvoiceSummaryDto & { customer?: InvoiceListItem["customer"] };

/** Invoices, newest first: number, period, status, total and amount due, each linking to its detail page (`href`). */
export function InvoiceTable({
  invoices,
  href,
  showCustomer = false,
}: {
  invoices: Row[];
  href: (invoice: Row) => string;
  showCustomer?: boolean;
}) {
  const columns: Column[] = [
    ...(showCustomer ? ["Customer"] : []),
    "Number",
    "Period",
    "Status",
    { label: "Total", align: "right" },
    { label: "Amount due", align: "right" },
    "",
  ];
  return (
    <DataTable columns={columns} testId="invoice-table">
      {invoices.map((inv) => (
        <tr
          key={inv.id}
          className="border-t border-slate-100"
          data-testid={`invoice-${inv.number === "draft" ? inv.id : inv.number}`}
        >
          {showCustomer && <td className="px-4 py-2">{inv.customer?.name}</td>}
          <td className="px-4 py-2 font-mono">{inv.number}</td>
          <td className="px-4 py-2">{periodText(inv.period)}</td>
          <td className="px-4 py-2">
            <InvoiceStatusBadge status={inv.status} />
          </td>
          <td className="px-4 py-2 text-right tabular-nums">{inv.total.formatted}</td>
          <td className="px-4 py-2 text-right tabular-nums">{inv.amountDue.formatted}</td>
          <td className="px-4 py-2 text-right">
            <Link href={href(inv)} className="text-indigo-700 hover:underline">
              View
            </Link>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
