"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireMember } from "@/lib/auth/current-user";
import { configureAutoRecharge } from "@/lib/auto-recharge/configure-auto-recharge";
import { isAppError } from "@/lib/errors/app-error";
import { problemsByField } from "@/lib/errors/problems-by-field";
import { startCreditPurchase } from "@/lib/payments/start-credit-purchase";

export type CreditsFormState = { error?: string; fields?: Record<string, string>; ok?: string } | null;

/** Buys a pack: the purchase is recorded, then the member goes to Stripe's payment page. */
export async function buyPackAction(_prev: CreditsFormState, form: FormData): Promise<CreditsFormState> {
  const user = await requireMember();
  let url: string;
  try {
    url = (await startCreditPurchase(user, user.customerId, { packId: String(form.get("packId") ?? "") })).checkoutUrl;
  } catch (e) {
    return failed(e);
  }
  redirect(url);
}

/** Turns auto-recharge on (then, without a saved card, buys the pack once with "save card") or off. */
export async function autoRechargeAction(_prev: CreditsFormState, form: FormData): Promise<CreditsFormState> {
  const user = await requireMember();
  const enabled = form.get("enabled") === "on";
  const packId = String(form.get("packId") ?? "");
  let url: string | null = null;
  try {
    const input = enabled ? { enabled, threshold: String(form.get("threshold") ?? ""), packId } : { enabled };
    const setting = await configureAutoRecharge(user, user.customerId, input);
    if (setting.enabled && setting.needsCard) url = (await startCreditPurchase(user, user.customerId, { packId, saveCard: true })).checkoutUrl;
  } catch (e) {
    return failed(e);
  }
  revalidatePath("/credits");
  if (url) redirect(url);
  return { ok: enabled ? "Auto-recharge is on." : "Auto-recharge is off." };
}

function failed(e: unknown): CreditsFormState {
  if (!isAppError(e)) throw e;
  const fields = problemsByField(e.problems);
  return { error: Object.keys(fields).length ? "Fix the highlighted fields." : e.message, fields };
}
