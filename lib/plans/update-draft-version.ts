import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertDraft } from "./assert-draft";
import { assertMetersPriceable } from "./assert-meters-priceable";
import { getPlanVersion } from "./get-plan-version";
import { lockPlanVersion } from "./lock-plan-version";
import { parseVersionContent } from "./parse-version-content";
import type { PlanVersionDto } from "./version-dto";

/**
 * Replaces a draft's content (terms and every price) in one transaction. A published version is
 * refused with 409 "published versions are immutable; create a new version"; invalid input with 422.
 */
export async function updateDraftVersion(actor: Actor, versionId: string, input: unknown): Promise<PlanVersionDto> {
  assertAdmin(actor);
  const content = parseVersionContent(input);
  await prisma.$transaction(async (tx) => {
    const version = await lockPlanVersion(tx, versionId);
    assertDraft(version);
    await assertMetersPriceable(tx, content.prices);
    await tx.planPrice.deleteMany({ where: { planVersionId: versionId } });
    await tx.planPrice.createMany({
      data: content.prices.map((p) => ({ planVersionId: versionId, meterId: p.meterId, priceModel: p.model as Prisma.InputJsonValue })),
    });
    const { prices, ...terms } = content;
    await tx.planVersion.update({ where: { id: versionId }, data: terms });
    await recordAudit(actor, "plan_version.updated", versionId, { prices: prices.length }, tx);
  });
  return getPlanVersion(actor, versionId);
}
