import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertDraft } from "./assert-draft";
import { getPlanVersion } from "./get-plan-version";
import { lockPlanVersion } from "./lock-plan-version";
import type { PlanVersionDto } from "./version-dto";

/** Publishes a draft: from now on it can be assigned to customers and never changes again. */
export async function publishPlanVersion(actor: Actor, versionId: string): Promise<PlanVersionDto> {
  assertAdmin(actor);
  await prisma.$transaction(async (tx) => {
    const version = await lockPlanVersion(tx, versionId);
    assertDraft(version);
    await tx.planVersion.update({ where: { id: versionId }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    await recordAudit(actor, "plan_version.published", versionId, { planId: version.planId, number: version.number }, tx);
  });
  return getPlanVersion(actor, versionId);
}
