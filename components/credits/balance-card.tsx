import type { CreditSummaryDto } from "@/lib/ledger/credit-dto";
import { UpdatedAt } from "@/components/ui/updated-at";

/** The live balance, and anything the member should know about auto-recharge failures. */
export function BalanceCard({ summary, updatedAt, error }: { summary: CreditSummaryDto; updatedAt: number; error: string | null }) {
  const ar = summary.autoRecharge;
  const failed = summary.purchases.find((p) => p.kind === "AUTO_RECHARGE" && p.status === "FAILED");
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-sm font-medium text-slate-500">Credit balance</h2>
      <p className="mt-2 text-4xl font-semibold tabular-nums" data-testid="credit-balance">
        {summary.balance.formatted}
      </p>
      <p className="mt-2 text-xs text-slate-400">{error ? `Could not refresh: ${error}. Retrying…` : <>Live · updated <UpdatedAt at={updatedAt} /></>}</p>
      {ar?.disabledReason && (
        <p role="alert" data-testid="auto-recharge-disabled" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {ar.disabledReason} Update your card by buying a pack with auto-recharge, then turn it on again.
        </p>
      )}
      {!ar?.disabledReason && ar?.lastFailureMessage && (
        <p role="alert" data-testid="auto-recharge-failure" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Auto-recharge could not charge your card ({ar.consecutiveFailures} failed in a row): {ar.lastFailureMessage}
          {failed ? ` · ${failed.packName}, ${failed.price.formatted}` : ""}
        </p>
      )}
    </section>
  );
}
