import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { grantCredits } from "./grant-credits";
import { prismaSql } from "@/lib/db/sql";

/** Trial credits expire this long after they are granted. */
export const TRIAL_CREDIT_DAYS = 30;

/**
 * Grants a plan version's trial credits when a customer starts the plan, in the subscription's transaction:
 * once per customer and plan (source key trial:<planId>), so moving between versions of the same plan
 * does not grant them again. They burn before paid credits and expire after TRIAL_CREDIT_DAYS.
 */
export async function grantTrialCredits(
  tx: Prisma.TransactionClient,
  customerId: string,
  version: { planId: string; currency: string; trialCreditsMinor: bigint; plan: { name: string } },
  now = new Date(),
): Promise<string | null> {
  if (version.trialCreditsMinor <= 0n) return null;
  const granted = await grantCredits(prismaSql(tx), {
    customerId,
    kind: "TRIAL",
    amountMinor: version.trialCreditsMinor,
    currency: version.currency,
    description: `Trial credits: ${version.plan.name}`,
    expiresAt: new Date(now.getTime() + TRIAL_CREDIT_DAYS * 86_400_000),
    sourceKey: `trial:${version.planId}`,
  });
  return granted?.grantId ?? null;
}
