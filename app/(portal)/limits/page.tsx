import { requireMember } from "@/lib/auth/current-user";
import { limitsOverview } from "@/lib/limits/limits-overview";
import { formatDay } from "@/lib/dates/format-date";
import { AlertHistory } from "@/components/limits/alert-history";
import { LimitsPanel } from "@/components/limits/limits-panel";
import { removeOwnLimitAction, setOwnLimitAction } from "./actions";

export const dynamic = "force-dynamic";

/** The member's spending limits: this period's spend and usage against each limit, their own limits to set, and the alert history. */
export default async function LimitsPage() {
  const user = await requireMember();
  const overview = await limitsOverview(user, user.customerId);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Limits</h1>
        <p className="text-sm text-slate-500">
          {overview.period
            ? `This billing period: ${formatDay(new Date(overview.period.start))} – ${formatDay(new Date(overview.period.end))}. `
            : "No plan yet: limits apply once you are on a plan. "}
          An alert-only limit emails you at each threshold; a hard cap refuses usage that would go past it, to
          the cent.
        </p>
      </div>
      <LimitsPanel
        overview={overview}
        owner="customer"
        actions={{ set: setOwnLimitAction, remove: removeOwnLimitAction }}
      />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Alerts</h2>
        <AlertHistory alerts={overview.history} />
      </section>
    </div>
  );
}
