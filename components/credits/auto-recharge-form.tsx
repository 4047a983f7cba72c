"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import { minorToMajorText } from "@/lib/money/major-units";
import type { CreditPackDto } from "@/lib/credit-packs/pack-dto";
import type { AutoRechargeDto } from "@/lib/ledger/credit-dto";
import type { CurrencyCode } from "@/lib/money/currencies";
import { keepInput } from "./keep-input";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** Auto-recharge: below a threshold, buy a pack off-session with the saved card (saved by buying once with it on). */
export function AutoRechargeForm({
  settings,
  packs,
  currency,
  paymentsEnabled,
  action: autoRechargeAction,
}: {
  settings: AutoRechargeDto | null;
  packs: CreditPackDto[];
  currency: CurrencyCode;
  paymentsEnabled: boolean;
  action: FormAction<FormState>;
}) {
  const [state, action, busy] = useActionState<FormState, FormData>(autoRechargeAction, null);
  const on = settings?.enabled ?? false;
  return (
    <section
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      data-testid="auto-recharge"
    >
      <h2 className="text-lg font-semibold">Auto-recharge</h2>
      <p className="mt-1 text-sm text-slate-600" data-testid="auto-recharge-status">
        {on
          ? settings?.card
            ? `On: when your balance drops under ${settings.threshold.formatted}, we buy ${settings.packName} with your ${settings.card}.`
            : "On, waiting for a card: finish the payment to save one."
          : "Off. Turn it on so your balance never runs out."}
      </p>
      {on ? (
        <form action={action} className="mt-4">
          <button
            disabled={busy}
            className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50"
          >
            Turn off auto-recharge
          </button>
        </form>
      ) : (
        <form onSubmit={keepInput(action)} noValidate className="mt-4 grid max-w-xl gap-4 sm:grid-cols-2">
          <input type="hidden" name="enabled" value="on" />
          <label className="text-sm">
            When the balance drops under ({currency})
            <input
              name="threshold"
              inputMode="decimal"
              defaultValue={settings ? minorToMajorText(settings.threshold.amountMinor, currency) : ""}
              placeholder="10.00"
              className={input}
            />
            {state?.fields?.threshold && (
              <span className="text-xs text-red-700">{state.fields.threshold}</span>
            )}
          </label>
          <label className="text-sm">
            Buy this pack
            <select name="packId" defaultValue={settings?.packId ?? packs[0]?.id} className={input}>
              {packs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.price.formatted})
                </option>
              ))}
            </select>
            {state?.fields?.packId && <span className="text-xs text-red-700">{state.fields.packId}</span>}
          </label>
          <div className="sm:col-span-2">
            <button
              disabled={busy || packs.length === 0 || !paymentsEnabled}
              className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
            >
              {busy
                ? "Saving…"
                : settings?.card
                  ? "Turn on auto-recharge"
                  : "Turn on auto-recharge (buy the pack once to save your card)"}
            </button>
          </div>
        </form>
      )}
      {state?.error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.error}
        </p>
      )}
      {state?.ok && (
        <p role="status" className="mt-3 text-sm text-green-700">
          {state.ok}
        </p>
      )}
    </section>
  );
}
