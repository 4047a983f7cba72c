import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertDraft } from "./assert-draft";
import { lockPlanVersion } from "./lock-plan-version";

/** Discards a draft (its prices go with it). Published versions are never deleted (409). */
export async function deleteDraftVersion(actor: Actor, versionId: string): Promise<void> {
  assertAdmin(actor);
  await prisma.$transaction(async (tx) => {
    const version = await lockPlanVersion(tx, versionId);
    assertDraft(version);
    await tx.planVersion.delete({ where: { id: versionId } });
    await recordAudit(actor, "plan_version.deleted", versionId, { planId: version.planId, number: version.number }, tx);
  });
}
