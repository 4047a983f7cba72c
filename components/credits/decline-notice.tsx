"use client";

import { useActionState } from "react";
import { formatDateTime } from "@/lib/dates/format-date";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import type { DeclineNoticeDto } from "@/lib/ledger/credit-dto";

/** A declined card payment: when, for what, why; gone once a later purchase is paid or the member dismisses it. */
export function DeclineNotice({ notice, action }: { notice: DeclineNoticeDto; action: FormAction<FormState> }) {
  const [state, dismiss, busy] = useActionState<FormState, FormData>(action, null);
  if (state?.ok) return null;
  return (
    <div role="status" data-testid="pending-purchase" className="flex items-start justify-between gap-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p>
        Your payment for {notice.packName} ({notice.price.formatted}) on <time dateTime={notice.at}>{formatDateTime(notice.at)}</time> did not
        go through: {notice.reason}. No credits were added for it.
        {state?.error && <span className="block text-red-700">{state.error}</span>}
      </p>
      <form action={dismiss}>
        <input type="hidden" name="purchaseId" value={notice.purchaseId} />
        <button disabled={busy} className="rounded-md border border-amber-300 px-3 py-1 text-amber-900 hover:bg-amber-100 disabled:opacity-50">
          Dismiss
        </button>
      </form>
    </div>
  );
}
