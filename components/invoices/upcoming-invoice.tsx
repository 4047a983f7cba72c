"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/providers";
import type { InvoiceDto } from "@/lib/billing/invoice-dto";
import { InvoiceLines } from "./invoice-lines";
import { InvoiceTotals } from "./invoice-totals";
import { periodText } from "./invoice-period";

/** The current period's invoice so far: its lines summarized and its total; refreshes itself every 5 s as usage arrives. */
export function UpcomingInvoice({ initial }: { initial: InvoiceDto }) {
  const { data, error } = useQuery({
    queryKey: ["invoices", "upcoming"],
    queryFn: () => fetchJson<InvoiceDto>("/api/portal/invoices/upcoming"),
    initialData: initial,
    refetchInterval: 5000,
  });
  return (
    <section
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="upcoming-invoice"
    >
      <h2 className="text-lg font-semibold">So far this period</h2>
      <p className="text-sm text-slate-500">{periodText(data.period)}: invoiced when the period ends.</p>
      <div className="mt-3">
        <InvoiceLines lines={data.lines} currency={data.currency} detailed={false} />
      </div>
      <InvoiceTotals invoice={data} totalLabel="Total so far" />
      <p className="mt-2 text-xs text-slate-400">
        {error ? `Could not refresh: ${error.message}. Retrying…` : "Live: updates as usage arrives."}
      </p>
    </section>
  );
}
