import { requireMember } from "@/lib/auth/current-user";
import { meterUsageTotal } from "@/lib/metering/queries/meter-usage-total";
import { currentMonthUtc } from "@/lib/metering/queries/period-bounds";
import { LiveUsageTotal } from "@/components/usage/live-usage-total";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { dashboardSummary } from "@/lib/dashboard/dashboard-summary";

export const dynamic = "force-dynamic";

const DASHBOARD_METER = "llm_tokens";

export default async function DashboardPage() {
  const user = await requireMember();
  const [initial, summary] = await Promise.all([
    meterUsageTotal(user, { customerId: user.customerId, meterKey: DASHBOARD_METER, ...currentMonthUtc() }),
    dashboardSummary(user, user.customerId),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <DashboardView initial={summary} />
      {initial ? (
        <LiveUsageTotal meterKey={DASHBOARD_METER} initial={initial} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No meter named {DASHBOARD_METER} yet. Ask your admin to create it, then send usage to POST
          /api/v1/events.
        </p>
      )}
    </div>
  );
}
