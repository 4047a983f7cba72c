"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/data/fetch-json";
import { creditKeys } from "@/components/data/query-keys";
import type { CreditPackDto } from "@/lib/credit-packs/pack-dto";
import type { CreditSummaryDto } from "@/lib/ledger/credit-dto";
import type { LedgerPage } from "@/lib/ledger/list-ledger-entries";
import { AutoRechargeForm } from "./auto-recharge-form";
import { BalanceCard } from "./balance-card";
import { BuyPacks } from "./buy-packs";
import { DeclineNotice } from "./decline-notice";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import { GrantsTable } from "./grants-table";
import { LedgerHistory } from "./ledger-history";

/** The member's server actions, passed down by the page. */
export type CreditsActions = { buyPack: FormAction<FormState>; autoRecharge: FormAction<FormState>; dismissDecline: FormAction<FormState> };

/** The Credits page: the balance and grants refresh every 2 s, so usage burning credits shows without a reload. */
export function CreditsView({
  initial,
  packs,
  initialLedger,
  paymentsEnabled,
  actions,
}: {
  initial: CreditSummaryDto;
  packs: CreditPackDto[];
  initialLedger: LedgerPage;
  paymentsEnabled: boolean;
  actions: CreditsActions;
}) {
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: creditKeys.summary(),
    queryFn: () => fetchJson<CreditSummaryDto>("/api/portal/credits"),
    initialData: initial,
    refetchInterval: 2000,
  });
  return (
    <div className="space-y-6">
      <BalanceCard summary={data} updatedAt={dataUpdatedAt} error={error?.message ?? null} />
      <BuyPacks
        packs={packs}
        paymentsEnabled={paymentsEnabled}
        action={actions.buyPack}
      />
      {data.declineNotice && <DeclineNotice notice={data.declineNotice} action={actions.dismissDecline} />}
      <AutoRechargeForm
        settings={data.autoRecharge}
        packs={packs}
        currency={data.currency}
        paymentsEnabled={paymentsEnabled}
        action={actions.autoRecharge}
      />
      <GrantsTable grants={data.grants} />
      <LedgerHistory initial={initialLedger} />
    </div>
  );
}
