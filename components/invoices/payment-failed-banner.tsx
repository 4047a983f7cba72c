import Link from "next/link";
import type { FailedPayment } from "@/lib/billing/find-failed-payment";
import { formatDay } from "@/lib/dates/format-date";
import { PayNowButton, type PayNowState } from "./pay-now-button";

/** The portal's banner for an unpaid invoice whose payment failed: what failed, what happens next, Pay now. */
export function PaymentFailedBanner({
  failed,
  action,
}: {
  failed: FailedPayment;
  action: (prev: PayNowState, form: FormData) => Promise<PayNowState>;
}) {
  const { failure } = failed;
  const next = failure.nextAttemptAt
    ? `Next automatic try on ${formatDay(new Date(failure.nextAttemptAt))}.`
    : "No more automatic tries.";
  return (
    <div
      role="region"
      aria-label="Payment failed"
      data-testid="payment-failed-banner"
      className="border-b border-red-200 bg-red-50"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-3 text-sm">
        <p className="text-red-800">
          Payment of invoice{" "}
          <Link
            href={`/invoices/${encodeURIComponent(failed.number)}`}
            className="font-mono font-medium underline"
          >
            {failed.number}
          </Link>{" "}
          ({failed.amountDue.formatted}) failed: {failure.message.replace(/\.$/, "")}. {next}
        </p>
        <PayNowButton invoiceId={failed.invoiceId} action={action} />
      </div>
    </div>
  );
}
