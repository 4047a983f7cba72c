import { requireMember } from "@/lib/auth/current-user";
import { listPacksForCustomer } from "@/lib/credit-packs/list-credit-packs";
import { getCreditSummary } from "@/lib/ledger/get-credit-summary";
import { listLedgerEntries } from "@/lib/ledger/list-ledger-entries";
import { paymentsEnabled } from "@/lib/payments/payments-mode";
import { CreditsView } from "@/components/credits/credits-view";
import { LowBalanceAlertForm } from "@/components/credits/low-balance-alert-form";
import { fromMinorUnits } from "@/lib/money/round";
import { autoRechargeAction, buyPackAction, dismissDeclineAction, lowBalanceAlertAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function CreditsPage({
  searchParams,
}: {
  searchParams: Promise<{ canceled?: string }>;
}) {
  const user = await requireMember();
  const [summary, packs, ledger, { canceled }] = await Promise.all([
    getCreditSummary(user, user.customerId),
    listPacksForCustomer(user, user.customerId),
    listLedgerEntries(user, user.customerId),
    searchParams,
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Credits</h1>
        <p className="text-sm text-slate-500">
          Prepaid credits pay for your usage as it happens. Buy a pack, or let auto-recharge top you up.
        </p>
      </div>
      {canceled && (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Payment canceled: nothing was charged. Pick a pack to try again.
        </p>
      )}
      <CreditsView
        initial={summary}
        packs={packs}
        initialLedger={ledger}
        paymentsEnabled={paymentsEnabled()}
        actions={{ buyPack: buyPackAction, autoRecharge: autoRechargeAction, dismissDecline: dismissDeclineAction }}
      />
      <LowBalanceAlertForm
        current={summary.lowBalanceAlert}
        input={
          summary.lowBalanceAlert
            ? fromMinorUnits(BigInt(summary.lowBalanceAlert.amountMinor), summary.currency).toFixed()
            : ""
        }
        currency={summary.currency}
        action={lowBalanceAlertAction}
      />
    </div>
  );
}
