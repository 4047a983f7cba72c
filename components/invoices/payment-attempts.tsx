import type { PaymentAttemptDto } from "@/lib/billing/get-invoice";
import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/lib/dates/format-date";

const when = (iso: string) => formatTimestamp(iso);

/** A pending automatic charge whose time has not come is a scheduled retry. */
function statusText(p: PaymentAttemptDto): string {
  if (p.status !== "pending") return p.status;
  if (p.kind === "off_session" && new Date(p.createdAt).getTime() > Date.now())
    return `scheduled for ${when(p.createdAt)}`;
  return p.kind === "checkout" ? "payment page opened" : "pending";
}

/** Every attempt to collect an invoice: automatic charges (at finalization, dunning retries) and Checkout payments. */
export function PaymentAttempts({ payments }: { payments: PaymentAttemptDto[] }) {
  if (payments.length === 0) return null;
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">Payment attempts</h2>
      <DataTable
        variant="plain"
        className="[&_td]:pr-4 [&_th]:pr-4"
        testId="payment-attempts"
        columns={[
          "Attempt",
          "Kind",
          "Status",
          { label: "Amount", align: "right" },
          "Card",
          "Failure",
          "When",
        ]}
      >
        {payments.map((p) => (
          <tr key={p.attempt} className="border-t border-slate-100 align-top" data-testid="payment-attempt">
            <td className="py-1">{p.attempt}</td>
            <td className="py-1">{p.kind === "checkout" ? "Paid in the portal" : "Automatic charge"}</td>
            <td className="py-1" data-testid="payment-attempt-status">
              {statusText(p)}
            </td>
            <td className="py-1 text-right tabular-nums">{p.amount.formatted}</td>
            <td className="py-1">{p.card ?? "—"}</td>
            <td className="py-1 text-red-700">{p.failureMessage ?? ""}</td>
            <td className="py-1 whitespace-nowrap">{when(p.completedAt ?? p.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
