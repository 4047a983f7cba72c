import type { CreditGrantKind } from "@/lib/db/generated/enums";
import { prisma } from "@/lib/db/client";
import type { AppError } from "@/lib/errors/app-error";
import { toAppError } from "@/lib/errors/to-app-error";
import { grantCredits } from "@/lib/ledger/grant-credits";
import { prismaSql } from "@/lib/db/sql";

/** Grants credits straight through the ledger (as a purchase or a promotion would). */
export async function grant(
  customerId: string,
  amountMinor: bigint,
  opts: {
    kind?: CreditGrantKind;
    expiresAt?: Date | null;
    priority?: number;
    currency?: string;
    description?: string;
  } = {},
) {
  const result = await prisma.$transaction((tx) =>
    grantCredits(prismaSql(tx), {
      customerId,
      kind: opts.kind ?? "PROMOTIONAL",
      amountMinor,
      currency: opts.currency ?? "USD",
      description: opts.description ?? "test credits",
      expiresAt: opts.expiresAt ?? null,
      priority: opts.priority,
    }),
  );
  if (!result) throw new Error("grant was not made");
  return result;
}

export async function balanceOf(customerId: string): Promise<bigint> {
  const w = await prisma.creditBalance.findUnique({ where: { customerId } });
  return w?.balanceMinor ?? 0n;
}

/** The status a call is refused with (a ZodError's is the 422 the API answers), or "allowed". */
export async function outcome(call: () => Promise<unknown>): Promise<number | "allowed"> {
  try {
    await call();
    return "allowed";
  } catch (e) {
    const refusal = toAppError(e);
    if (refusal) return refusal.status;
    throw e;
  }
}

/** The domain error a call is refused with, as the API answers it (a ZodError as its 422). */
export async function refusalOf(call: Promise<unknown>): Promise<AppError> {
  const result = await call.then(
    () => null,
    (e: unknown) => {
      const known = toAppError(e);
      if (!known) throw e;
      return known;
    },
  );
  if (!result) throw new Error("the call was not refused");
  return result;
}

/** A published plan version with one meter's price and these terms, the customer on it from now. */
export async function creditPlan(
  admin: import("@/lib/auth/current-user").CurrentUser,
  customerId: string,
  opts: {
    meterId: string;
    model: import("@/lib/rating/price-model").PriceModel;
    paymentTerms: "PREPAID" | "POSTPAID";
    trialCreditsMinor?: number;
  },
) {
  const { createPlan } = await import("@/lib/plans/create-plan");
  const { updateDraftVersion } = await import("@/lib/plans/update-draft-version");
  const { publishPlanVersion } = await import("@/lib/plans/publish-plan-version");
  const { assignSubscription } = await import("@/lib/subscriptions/assign-subscription");
  const { planId, draftVersionId } = await createPlan(admin, {
    name: `Credits plan ${opts.paymentTerms}`,
    currency: "USD",
  });
  await updateDraftVersion(admin, draftVersionId, {
    currency: "USD",
    interval: "MONTH",
    baseFeeMinor: 0,
    minimumSpendMinor: 0,
    trialDays: 0,
    paymentTerms: opts.paymentTerms,
    trialCreditsMinor: opts.trialCreditsMinor ?? 0,
    prices: [{ meterId: opts.meterId, model: opts.model }],
  });
  await publishPlanVersion(admin, draftVersionId);
  const { subscriptionId } = await assignSubscription(admin, customerId, { planVersionId: draftVersionId });
  return { planId, versionId: draftVersionId, subscriptionId };
}

/** Events `ms` from now: after a subscription that started a moment ago, inside the accepted window. */
export const soon = (ms = 2000) => new Date(Date.now() + ms);
