import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { getPlan } from "@/lib/plans/get-plan";
import { VersionActions } from "@/components/plans/version-actions";
import { VersionSummary } from "@/components/plans/version-summary";
import { PriceCalculator } from "@/components/plans/price-calculator";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";

export const dynamic = "force-dynamic";

export default async function PlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const admin = await requireAdmin();
  const plan = await notFoundOnMissing(getPlan(admin, (await params).planId));
  const draft = plan.versions.find((v) => v.status === "DRAFT") ?? null;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/plans" className="text-sm text-indigo-700 hover:underline">
          ← Plans
        </Link>
        <h1 className="text-2xl font-semibold">{plan.name}</h1>
        {plan.description && <p className="text-sm text-slate-500">{plan.description}</p>}
      </div>
      <VersionActions planId={plan.id} draft={draft && { id: draft.id, number: draft.number }} />
      <PriceCalculator
        versions={plan.versions.map((v) => ({
          id: v.id,
          number: v.number,
          status: v.status,
          prices: v.prices.map((p) => ({ meterId: p.meterId, meter: { name: p.meter.name, unit: p.meter.unit }, summary: p.description.summary })),
        }))}
      />
      {plan.versions.map((v) => (
        <VersionSummary key={v.id} version={v} subscribers={v.subscribers} />
      ))}
    </div>
  );
}
