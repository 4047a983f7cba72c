"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import type { CreditPackDto } from "@/lib/credit-packs/pack-dto";

/** The packs for sale; buying goes to Stripe's payment page and comes back to the purchase's page. */
export function BuyPacks({
  packs,
  paymentsEnabled,
  action: buyPackAction,
}: {
  packs: CreditPackDto[];
  paymentsEnabled: boolean;
  action: FormAction<FormState>;
}) {
  const [state, action, busy] = useActionState<FormState, FormData>(buyPackAction, null);
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">Buy credits</h2>
      {!paymentsEnabled && (
        <p className="mt-2 text-sm text-amber-800">
          Payments are not set up on this server yet; ask your account manager for credits.
        </p>
      )}
      {packs.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">
          No credit packs are for sale right now. Your account manager can grant credits meanwhile.
        </p>
      ) : (
        <ul className="mt-4 grid gap-4 sm:grid-cols-3">
          {packs.map((p) => (
            <li key={p.id} className="rounded-lg border border-slate-200 p-4" data-testid={`pack-${p.name}`}>
              <div className="font-medium">{p.name}</div>
              <div className="mt-1 text-2xl font-semibold">{p.price.formatted}</div>
              <div className="text-sm text-slate-600">
                {p.credits.formatted} in credits
                {p.bonusCredits.amountMinor > 0 && (
                  <span className="text-green-700"> + {p.bonusCredits.formatted} bonus</span>
                )}
              </div>
              <form action={action} className="mt-3">
                <input type="hidden" name="packId" value={p.id} />
                <button
                  disabled={busy || !paymentsEnabled}
                  className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
                >
                  {busy ? "Opening payment page…" : `Buy ${p.name}`}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {state?.error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.error}
        </p>
      )}
    </section>
  );
}
