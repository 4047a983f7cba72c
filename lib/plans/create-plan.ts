import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { isKnownCurrency } from "@/lib/money/currencies";

export const createPlanInput = z.strictObject({
  name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  description: z.string().trim().max(500, "description must be at most 500 characters").default(""),
  currency: z.string().refine(isKnownCurrency, "currency must be a known ISO code, like USD").default("USD"),
});

/** Creates a plan with an empty draft version 1 to edit. */
export async function createPlan(
  actor: Actor,
  input: unknown,
): Promise<{ planId: string; draftVersionId: string }> {
  assertAdmin(actor);
  const { name, description, currency } = createPlanInput.parse(input);
  return prisma.$transaction(async (tx) => {
    const plan = await tx.plan.create({ data: { name, description } });
    const version = await tx.planVersion.create({ data: { planId: plan.id, number: 1, currency } });
    await recordAudit(actor, "plan.created", plan.id, { name, currency }, tx);
    return { planId: plan.id, draftVersionId: version.id };
  });
}
