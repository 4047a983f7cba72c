import { appliedGrants } from "@/lib/billing/applied-grants";
import type { InvoiceLineDto } from "@/lib/billing/invoice-dto";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { MoneyDto } from "@/lib/money/money-dto";

/** Total, credits applied (with the grants that paid them, given the lines), credit notes that lowered it (when any) and amount due, under an invoice's lines. */
export function InvoiceTotals({
  invoice,
  totalLabel = "Total",
}: {
  invoice: {
    total: MoneyDto;
    creditsApplied: MoneyDto;
    amountDue: MoneyDto;
    creditNotesApplied?: MoneyDto;
    lines?: InvoiceLineDto[];
    currency?: CurrencyCode;
  };
  totalLabel?: string;
}) {
  const grants = invoice.lines && invoice.currency ? appliedGrants(invoice.lines, invoice.currency) : [];
  return (
    <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm">
      <div className="flex justify-between">
        <dt>{totalLabel}</dt>
        <dd className="tabular-nums" data-testid="invoice-total">
          {invoice.total.formatted}
        </dd>
      </div>
      <div className="flex justify-between text-slate-600">
        <dt>Credits applied</dt>
        <dd className="tabular-nums">
          {invoice.creditsApplied.amountMinor > 0 ? "−" : ""}
          {invoice.creditsApplied.formatted}
        </dd>
      </div>
      {grants.length > 0 && (
        <ul className="space-y-0.5 pl-4 text-xs text-slate-500" data-testid="invoice-credit-grants">
          {grants.map((g, i) => (
            <li key={i} className="flex justify-between">
              <span>{g.label}</span>
              <span className="tabular-nums">−{g.amount}</span>
            </li>
          ))}
        </ul>
      )}
      {invoice.creditNotesApplied && invoice.creditNotesApplied.amountMinor !== 0 && (
        <div className="flex justify-between text-slate-600">
          <dt>Credit notes applied</dt>
          <dd className="tabular-nums" data-testid="invoice-credit-notes-applied">
            −{invoice.creditNotesApplied.formatted}
          </dd>
        </div>
      )}
      <div className="flex justify-between text-base font-semibold">
        <dt>Amount due</dt>
        <dd className="tabular-nums" data-testid="invoice-amount-due">
          {invoice.amountDue.formatted}
        </dd>
      </div>
    </dl>
  );
}
