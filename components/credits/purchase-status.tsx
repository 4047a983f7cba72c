"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/data/fetch-json";
import { creditKeys } from "@/components/data/query-keys";
import type { MoneyDto } from "@/lib/money/money-dto";
import type { PurchaseDto } from "@/lib/ledger/credit-dto";

type PurchaseView = { purchase: PurchaseDto; balance: MoneyDto };

/** Pending until Stripe's webhook confirms the payment (polled every second), then the credits and the new balance. */
export function PurchaseStatus({ purchaseId, initial }: { purchaseId: string; initial: PurchaseView }) {
  const { data } = useQuery({
    queryKey: creditKeys.purchase(purchaseId),
    queryFn: () => fetchJson<PurchaseView>(`/api/portal/credits/purchases/${purchaseId}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.purchase.status === "PENDING" ? 1000 : false),
  });
  const p = data.purchase;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="purchase">
      <div className="text-sm text-slate-500">
        {p.packName} · {p.price.formatted}
      </div>
      {p.status === "PENDING" && (
        <p role="status" data-testid="purchase-status" className="mt-3 text-lg">
          Payment pending: waiting for Stripe to confirm it…{" "}
          <span className="text-sm text-slate-500">(this page updates by itself)</span>
          {p.failureMessage && (
            <span className="mt-2 block text-sm text-red-700">Last attempt: {p.failureMessage}</span>
          )}
        </p>
      )}
      {p.status === "PAID" && (
        <div role="status" data-testid="purchase-status" className="mt-3 space-y-1">
          <p className="text-lg font-medium text-green-700">Paid: {p.credits.formatted} in credits added.</p>
          <p>
            Your balance is now{" "}
            <span data-testid="purchase-balance" className="font-semibold">
              {data.balance.formatted}
            </span>
            .
          </p>
        </div>
      )}
      {(p.status === "FAILED" || p.status === "EXPIRED") && (
        <p role="status" data-testid="purchase-status" className="mt-3 text-lg text-red-700">
          {p.status === "FAILED"
            ? `Payment failed: ${p.failureMessage ?? "the card was declined"}.`
            : "The payment page expired before it was paid."}{" "}
          No credits were added.
        </p>
      )}
      <Link href="/credits" className="mt-4 inline-block text-sm text-indigo-700 hover:underline">
        Back to Credits
      </Link>
    </section>
  );
}
