"use client";

import { useActionState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";

type CreditChangeState = FormState;
export type CreditChangeActions = {
  grantPromotional: FormAction<CreditChangeState>;
  adjust: FormAction<CreditChangeState>;
};
import { keepInput } from "./keep-input";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

function Result({ state }: { state: CreditChangeState }) {
  if (state?.ok)
    return (
      <p role="status" className="text-sm text-green-700">
        {state.ok}
      </p>
    );
  if (state?.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {state.error}
      </p>
    );
  return null;
}

/** An admin grants promotional credits (optionally expiring) or adjusts the balance with a reason. */
export function CreditChangeForms({
  customerId,
  currency,
  actions,
}: {
  customerId: string;
  currency: string;
  actions: CreditChangeActions;
}) {
  const [promo, promoAction, promoBusy] = useActionState<CreditChangeState, FormData>(
    actions.grantPromotional,
    null,
  );
  const [adj, adjAction, adjBusy] = useActionState<CreditChangeState, FormData>(actions.adjust, null);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form
        onSubmit={keepInput(promoAction)}
        noValidate
        className="space-y-3 rounded-lg border border-slate-200 p-4"
        data-testid="promo-form"
      >
        <h3 className="font-medium">Grant promotional credits</h3>
        <input type="hidden" name="customerId" value={customerId} />
        <label className="block text-sm">
          Amount ({currency})
          <input name="amount" inputMode="decimal" placeholder="25.00" className={input} />
          {promo?.fields?.amount && <span className="text-xs text-red-700">{promo.fields.amount}</span>}
        </label>
        <label className="block text-sm">
          Expires (optional)
          <input name="expiresAt" type="date" className={input} />
          {promo?.fields?.expiresAt && <span className="text-xs text-red-700">{promo.fields.expiresAt}</span>}
        </label>
        <label className="block text-sm">
          Description (the customer sees it)
          <input name="description" placeholder="Launch promotion" className={input} />
          {promo?.fields?.description && (
            <span className="text-xs text-red-700">{promo.fields.description}</span>
          )}
        </label>
        <button
          disabled={promoBusy}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
        >
          Grant credits
        </button>
        <Result state={promo} />
      </form>
      <form
        onSubmit={keepInput(adjAction)}
        noValidate
        className="space-y-3 rounded-lg border border-slate-200 p-4"
        data-testid="adjust-form"
      >
        <h3 className="font-medium">Adjust the balance</h3>
        <input type="hidden" name="customerId" value={customerId} />
        <label className="block text-sm">
          Amount ({currency}; negative takes credits away)
          <input name="amount" inputMode="decimal" placeholder="-5.00" className={input} />
          {adj?.fields?.amount && <span className="text-xs text-red-700">{adj.fields.amount}</span>}
        </label>
        <label className="block text-sm">
          Reason (kept in the audit log)
          <input name="reason" placeholder="Refund for an outage" className={input} />
          {adj?.fields?.reason && <span className="text-xs text-red-700">{adj.fields.reason}</span>}
        </label>
        <button
          disabled={adjBusy}
          className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-50"
        >
          Adjust
        </button>
        <Result state={adj} />
      </form>
    </div>
  );
}
