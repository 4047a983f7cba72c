import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { minorToNumber } from "../money/minor-number";

export type AssignableVersion = { id: string; planName: string; number: number; currency: string; interval: "MONTH" | "YEAR"; baseFeeMinor: number };

/** Published versions a customer paying in `currency` can be put on (admins only). */
export async function listPublishedVersions(actor: Actor, currency: string): Promise<AssignableVersion[]> {
  assertAdmin(actor);
  const versions = await prisma.planVersion.findMany({
    where: { status: "PUBLISHED", currency },
    orderBy: [{ plan: { name: "asc" } }, { number: "desc" }],
    include: { plan: { select: { name: true } } },
  });
  return versions.map((v) => ({ id: v.id, planName: v.plan.name, number: v.number, currency: v.currency, interval: v.interval, baseFeeMinor: minorToNumber(v.baseFeeMinor) }));
}
