"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { configureAutoRecharge } from "@/lib/auto-recharge/configure-auto-recharge";
import { formAction } from "@/lib/forms/form-action";
import { currentRequestOrigin } from "@/lib/http/current-return-origin";
import { formCheckbox, formText } from "@/lib/forms/form-fields";
import type { FormState } from "@/lib/forms/form-state";
import { startCreditPurchase } from "@/lib/payments/start-credit-purchase";
import { dismissDeclineNotice } from "@/lib/payments/dismiss-decline-notice";
import { setLowBalanceAlert } from "@/lib/ledger/set-low-balance-alert";

type CreditsFormState = FormState;

const buyFields = z.object({ packId: formText });
const autoRechargeFields = z.object({ enabled: formCheckbox, threshold: formText, packId: formText });

/** Buys a pack: the purchase is recorded, then the member goes to Stripe's payment page. */
export async function buyPackAction(_prev: CreditsFormState, form: FormData): Promise<CreditsFormState> {
  return formAction(form, {
    role: "member",
    schema: buyFields,
    run: async (member, { packId }) => {
      const origin = await currentRequestOrigin();
      redirect((await startCreditPurchase(member, member.customerId, { packId }, origin)).checkoutUrl);
    },
  });
}

/** Turns auto-recharge on (then, without a saved card, buys the pack once with "save card") or off. */
export async function autoRechargeAction(_prev: CreditsFormState, form: FormData): Promise<CreditsFormState> {
  return formAction(form, {
    role: "member",
    schema: autoRechargeFields,
    run: async (member, { enabled, threshold, packId }) => {
      const setting = await configureAutoRecharge(
        member,
        member.customerId,
        enabled ? { enabled, threshold, packId } : { enabled },
      );
      const url =
        setting.enabled && setting.needsCard
          ? (await startCreditPurchase(member, member.customerId, { packId, saveCard: true }, await currentRequestOrigin()))
              .checkoutUrl
          : null;
      revalidatePath("/credits");
      if (url) redirect(url);
      return { ok: enabled ? "Auto-recharge is on." : "Auto-recharge is off." };
    },
  });
}

/** Dismisses the notice of a declined payment, for good (kept on the purchase). */
export async function dismissDeclineAction(_prev: CreditsFormState, form: FormData): Promise<CreditsFormState> {
  return formAction(form, {
    role: "member",
    schema: z.object({ purchaseId: formText }),
    run: async (member, { purchaseId }) => {
      await dismissDeclineNotice(member, member.customerId, purchaseId);
      revalidatePath("/credits");
      return { ok: "Dismissed." };
    },
  });
}

/** Sets (or, empty, turns off) the amount under which the member's customer is told its credits run low. */
export async function lowBalanceAlertAction(
  _prev: CreditsFormState,
  form: FormData,
): Promise<CreditsFormState> {
  return formAction(form, {
    role: "member",
    schema: z.object({ amount: formText }),
    run: async (member, { amount }) => {
      const set = await setLowBalanceAlert(member, member.customerId, amount);
      revalidatePath("/credits");
      return { ok: set === null ? "Low balance alert off." : "Saved." };
    },
  });
}
