import { requireMember } from "@/lib/auth/current-user";
import { loadUsageSummary } from "@/lib/period-charges/load-usage-summary";
import { PlanSummary } from "@/components/billing/plan-summary";

export const dynamic = "force-dynamic";

export default async function PlanPage() {
  const user = await requireMember();
  const summary = await loadUsageSummary(user, user.customerId);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Plan &amp; pricing</h1>
        <p className="text-sm text-slate-500">Your prices, the free units left this period and what this period costs so far.</p>
      </div>
      <PlanSummary initial={summary} />
    </div>
  );
}
