import type { CreditNoteDto } from "@/lib/billing/get-invoice";
import type { ResponsibleEvents } from "@/lib/billing/corrections/responsible-events";
import { formatQuantity } from "@/lib/money/format-major";
import { formatDay } from "@/lib/dates/format-date";

const REFUND = { pending: "refund to your card (pending)", succeeded: "refunded to your card", failed: "" };

/** Where a credit note's money went: credits given back, off this invoice's amount due, to the card, to the credit balance. */
function destinations(n: CreditNoteDto): string {
  const parts = [
    [n.creditsReturned, "credits returned"],
    [n.appliedToInvoice, "off this invoice"],
    [n.refundedToCard, REFUND[n.refundStatus ?? "succeeded"]],
    [
      n.creditedToBalance,
      n.refundStatus === "failed"
        ? "to your credit balance (the card refund was refused)"
        : "to your credit balance",
    ],
  ] as const;
  const used = parts.filter(([m]) => m.amountMinor !== 0).map(([m, what]) => `${m.formatted} ${what}`);
  return used.length ? used.join(" · ") : "nothing to give back";
}

const quantity = (q: string | null) => (q === null ? "—" : formatQuantity(q));

function eventsText(events: unknown): string | null {
  if (!events || typeof events !== "object" || !("voided" in events)) return null;
  const e = events as ResponsibleEvents;
  const parts = [
    e.voided.length ? `voided: ${e.voided.map((v) => v.id).join(", ")}` : null,
    e.late.length ? `late: ${e.late.join(", ")}` : null,
  ].filter(Boolean);
  const named = e.voided.length + e.late.length;
  if (e.count > named) parts.push(`and ${e.count - named} more`);
  return parts.length ? `Events ${parts.join("; ")}` : null;
}

/** Credit notes issued after the invoice was finalized: each changed line, and where the money went. */
export function CreditNotes({
  notes,
  pdfHref,
}: {
  notes: CreditNoteDto[];
  pdfHref?: (number: string) => string;
}) {
  if (notes.length === 0) return null;
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-semibold">Credit notes</h2>
      {notes.map((n) => (
        <div
          key={n.number}
          className="rounded-lg border border-slate-200 p-4 text-sm"
          data-testid={`credit-note-${n.number}`}
        >
          <div className="flex flex-wrap justify-between gap-2">
            <div>
              <span className="font-mono font-medium">{n.number}</span>{" "}
              <span className="text-slate-500">
                {formatDay(new Date(n.createdAt))} · {n.reason}
              </span>
            </div>
            <div className="flex items-baseline gap-3">
              {pdfHref && (
                <a
                  href={pdfHref(n.number)}
                  className="text-indigo-700 hover:underline"
                  data-testid="credit-note-pdf"
                >
                  PDF
                </a>
              )}
              <span className="font-semibold tabular-nums">−{n.total.formatted}</span>
            </div>
          </div>
          <p className="text-slate-600" data-testid="credit-note-destinations">
            {destinations(n)}
          </p>
          <table className="mt-2 w-full">
            <tbody>
              {n.lines.map((l, i) => {
                const events = eventsText(l.events);
                return (
                  <tr key={i} className="border-t border-slate-100 align-top">
                    <td className="py-1">
                      {l.description}
                      {events && <div className="font-mono text-xs text-slate-500">{events}</div>}
                    </td>
                    <td className="py-1 text-slate-600 tabular-nums">
                      {quantity(l.quantityBefore)} → {quantity(l.quantity)}
                    </td>
                    <td className="py-1 text-right tabular-nums">{l.amount.formatted}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
