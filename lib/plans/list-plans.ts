import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { minorToNumber } from "../money/minor-number";

export type PlanListItem = {
  id: string;
  name: string;
  description: string;
  versions: { id: string; number: number; status: "DRAFT" | "PUBLISHED"; currency: string; interval: "MONTH" | "YEAR"; baseFeeMinor: number; prices: number }[];
  /** Customers whose subscription is active or scheduled on any version. */
  subscribers: number;
};

/** All plans, newest first, with their versions (admins only). */
export async function listPlans(actor: Actor): Promise<PlanListItem[]> {
  assertAdmin(actor);
  const plans = await prisma.plan.findMany({
    orderBy: { createdAt: "desc" },
    include: {
      versions: {
        orderBy: { number: "asc" },
        include: { _count: { select: { prices: true, subscriptions: { where: { status: { in: ["ACTIVE", "SCHEDULED"] } } } } } },
      },
    },
  });
  return plans.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    versions: p.versions.map((v) => ({
      id: v.id,
      number: v.number,
      status: v.status,
      currency: v.currency,
      interval: v.interval,
      baseFeeMinor: minorToNumber(v.baseFeeMinor),
      prices: v._count.prices,
    })),
    subscribers: p.versions.reduce((n, v) => n + v._count.subscriptions, 0),
  }));
}
