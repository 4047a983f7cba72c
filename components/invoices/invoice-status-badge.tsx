import type { InvoiceStatusDto } from "@/lib/billing/invoice-dto";

const STYLES: Record<InvoiceStatusDto, string> = {
  upcoming: "bg-sky-100 text-sky-800",
  draft: "bg-slate-100 text-slate-700",
  open: "bg-amber-100 text-amber-800",
  paid: "bg-green-100 text-green-800",
  void: "bg-slate-200 text-slate-500 line-through",
  uncollectible: "bg-red-100 text-red-800",
};

/** An invoice's status as a coloured pill. */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatusDto }) {
  return (
    <span
      data-testid="invoice-status"
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}
    >
      {status}
    </span>
  );
}
