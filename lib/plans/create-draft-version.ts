import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";

/**
 * Starts the next version of a plan as a draft, copying the content of `fromVersionId` (default: the
 * newest version). A plan has at most one draft at a time (409 names it).
 */
export async function createDraftVersion(actor: Actor, planId: string, opts: { fromVersionId?: string | null } = {}): Promise<{ versionId: string; number: number }> {
  assertAdmin(actor);
  if (!isUuid(planId)) throw new AppError("NOT_FOUND", "No such plan");
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM plans WHERE id = ${planId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", "No such plan");
    const versions = await tx.planVersion.findMany({ where: { planId }, orderBy: { number: "desc" }, include: { prices: true } });
    const draft = versions.find((v) => v.status === "DRAFT");
    if (draft) throw new AppError("CONFLICT", `Version ${draft.number} is already a draft: edit or publish it first`, { details: { draftVersionId: draft.id } });
    const source = opts.fromVersionId ? versions.find((v) => v.id === opts.fromVersionId) : versions[0];
    if (opts.fromVersionId && !source) throw new AppError("UNPROCESSABLE", "fromVersionId is not a version of this plan", { problems: [{ field: "fromVersionId", rule: "same_plan", message: "not a version of this plan" }] });
    const number = (versions[0]?.number ?? 0) + 1;
    const created = await tx.planVersion.create({
      data: {
        planId,
        number,
        currency: source?.currency ?? "USD",
        interval: source?.interval,
        baseFeeMinor: source?.baseFeeMinor,
        minimumSpendMinor: source?.minimumSpendMinor,
        trialDays: source?.trialDays,
        paymentTerms: source?.paymentTerms,
        trialCreditsMinor: source?.trialCreditsMinor,
        prices: { create: (source?.prices ?? []).map((p) => ({ meterId: p.meterId, priceModel: p.priceModel as Prisma.InputJsonValue })) },
      },
    });
    await recordAudit(actor, "plan_version.created", created.id, { planId, number, from: source?.id ?? null }, tx);
    return { versionId: created.id, number };
  });
}
