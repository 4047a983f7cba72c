"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors/app-error";
import { problemsByField } from "@/lib/errors/problems-by-field";
import { adjustCredits } from "@/lib/ledger/adjust-credits";
import { grantPromotionalCredits } from "@/lib/ledger/grant-promotional-credits";

export type CreditChangeState = { error?: string; fields?: Record<string, string>; ok?: string } | null;

/** Grants promotional credits; the customer id is checked by lib (admins only). */
export async function grantPromotionalAction(_prev: CreditChangeState, form: FormData): Promise<CreditChangeState> {
  const admin = await requireAdmin();
  const customerId = String(form.get("customerId") ?? "");
  const input = { amount: String(form.get("amount") ?? ""), expiresAt: String(form.get("expiresAt") ?? "") || null, description: String(form.get("description") ?? "") };
  return run(customerId, async () => {
    await grantPromotionalCredits(admin, customerId, input);
    return `Granted ${input.amount} in promotional credits.`;
  });
}

/** Adjusts the balance up or down with a reason (audited). */
export async function adjustCreditsAction(_prev: CreditChangeState, form: FormData): Promise<CreditChangeState> {
  const admin = await requireAdmin();
  const customerId = String(form.get("customerId") ?? "");
  const input = { amount: String(form.get("amount") ?? ""), reason: String(form.get("reason") ?? "") };
  return run(customerId, async () => {
    await adjustCredits(admin, customerId, input);
    return `Adjusted the balance by ${input.amount}.`;
  });
}

async function run(customerId: string, change: () => Promise<string>): Promise<CreditChangeState> {
  try {
    const ok = await change();
    revalidatePath(`/admin/customers/${customerId}`);
    return { ok };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const fields = problemsByField(e.problems);
    return { error: Object.keys(fields).length ? "Fix the highlighted fields." : e.message, fields };
  }
}
