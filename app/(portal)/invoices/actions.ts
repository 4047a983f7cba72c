"use server";

import { redirect } from "next/navigation";
import { requireMember } from "@/lib/auth/current-user";
import { startInvoiceCheckout } from "@/lib/billing/collection/start-invoice-checkout";
import { isAppError } from "@/lib/errors/app-error";
import { currentRequestOrigin } from "@/lib/http/current-return-origin";
import type { PayNowState } from "@/components/invoices/pay-now-button";

/** Pays one of the member's invoices now: the member goes to Stripe's payment page for its amount due. */
export async function payInvoiceAction(_prev: PayNowState, form: FormData): Promise<PayNowState> {
  const user = await requireMember();
  let url: string;
  try {
    const invoiceId = String(form.get("invoiceId") ?? "");
    url = (await startInvoiceCheckout(user, user.customerId, invoiceId, await currentRequestOrigin())).checkoutUrl;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { error: e.message };
  }
  redirect(url);
}
