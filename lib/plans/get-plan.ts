import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";
import { toVersionDto, versionInclude, type PlanVersionDto } from "./version-dto";

export type PlanDetail = {
  id: string;
  name: string;
  description: string;
  versions: (PlanVersionDto & { subscribers: number })[];
};

/** A plan with every version, newest first, and how many customers are on each (admins only). */
export async function getPlan(actor: Actor, planId: string): Promise<PlanDetail> {
  assertAdmin(actor);
  const plan = isUuid(planId)
    ? await prisma.plan.findUnique({
        where: { id: planId },
        include: {
          versions: {
            orderBy: { number: "desc" },
            include: { ...versionInclude, _count: { select: { subscriptions: { where: { status: { in: ["ACTIVE", "SCHEDULED"] } } } } } },
          },
        },
      })
    : null;
  if (!plan) throw new AppError("NOT_FOUND", "No such plan");
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    versions: plan.versions.map((v) => ({ ...toVersionDto({ ...v, plan: { name: plan.name } }), subscribers: v._count.subscriptions })),
  };
}
