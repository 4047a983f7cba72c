import Link from "next/link";
import type { InvoiceDetail } from "@/lib/billing/get-invoice";

/** A supplement's parent invoice, and an invoice's supplemental invoices (usage added to its period later). */
export function InvoiceRelations({
  invoice,
  href,
}: {
  invoice: InvoiceDetail;
  href: (number: string) => string;
}) {
  if (!invoice.parentNumber && invoice.supplements.length === 0) return null;
  const link = "font-mono text-indigo-700 hover:underline";
  return (
    <section className="space-y-1 text-sm" data-testid="invoice-relations">
      {invoice.parentNumber && (
        <p>
          Supplemental invoice for usage added to the period of invoice{" "}
          <Link href={href(invoice.parentNumber)} className={link}>
            {invoice.parentNumber}
          </Link>
          .
        </p>
      )}
      {invoice.supplements.length > 0 && (
        <>
          <h2 className="text-lg font-semibold">Supplemental invoices</h2>
          <ul>
            {invoice.supplements.map((s) => (
              <li key={s.number}>
                <Link href={href(s.number)} className={link}>
                  {s.number}
                </Link>{" "}
                {s.status} · {s.total.formatted}
                {s.amountDue.amountMinor > 0 && s.status === "open" ? ` (${s.amountDue.formatted} due)` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
