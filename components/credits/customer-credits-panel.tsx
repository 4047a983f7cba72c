import type { CurrentUser } from "@/lib/auth/current-user";
import { getCreditSummary } from "@/lib/ledger/get-credit-summary";
import { listLedgerEntries } from "@/lib/ledger/list-ledger-entries";
import { CreditChangeForms, type CreditChangeActions } from "./credit-change-forms";
import { GrantsTable } from "./grants-table";
import { entryLabel } from "./entry-label";
import { formatDateTime } from "@/lib/dates/format-date";

/** The admin customer page's credits section: balance, open grants, the latest entries, and the change forms. */
export async function CustomerCreditsPanel({
  admin,
  customerId,
  customerName,
  actions,
}: {
  admin: CurrentUser;
  customerId: string;
  /** Who the section is about: the admin reads the customer's name, never "your". */
  customerName: string;
  actions: CreditChangeActions;
}) {
  const [summary, ledger] = await Promise.all([
    getCreditSummary(admin, customerId),
    listLedgerEntries(admin, customerId, { limit: 10 }),
  ]);
  return (
    <section
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      data-testid="customer-credits"
    >
      <div className="flex items-baseline justify-between">
        <h2 className="text-lg font-semibold">Credits of {customerName}</h2>
        <div>
          {customerName}&apos;s balance{" "}
          <span className="text-2xl font-semibold tabular-nums" data-testid="admin-credit-balance">
            {summary.balance.formatted}
          </span>
        </div>
      </div>
      {summary.autoRecharge?.enabled && (
        <p className="text-sm text-slate-600">
          The customer&apos;s auto-recharge is on: under {summary.autoRecharge.threshold.formatted} it buys{" "}
          {summary.autoRecharge.packName}.
        </p>
      )}
      {summary.autoRecharge?.disabledReason && (
        <p className="text-sm text-red-700">{summary.autoRecharge.disabledReason}</p>
      )}
      <GrantsTable grants={summary.grants} customerName={customerName} />
      <h3 className="font-medium">Latest ledger entries</h3>
      {ledger.entries.length === 0 ? (
        <p className="text-sm text-slate-500">No entries yet: grant credits below, or wait for the customer to buy a pack.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="admin-ledger">
          {ledger.entries.map((e) => (
            <li key={e.seq} className="flex justify-between py-1">
              <span>
                #{e.seq} <span className="text-slate-500">{formatDateTime(e.createdAt)}</span> · {entryLabel(e)} ·{" "}
                {e.description}
              </span>
              <span className="tabular-nums">
                {e.amount.formatted} → {e.balanceAfter.formatted}
              </span>
            </li>
          ))}
        </ul>
      )}
      <CreditChangeForms customerId={customerId} currency={summary.currency} actions={actions} />
    </section>
  );
}
