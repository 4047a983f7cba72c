import { requireMember } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { getCustomer } from "@/lib/customers/get-customer";
import { listUsageMeters } from "@/lib/metering/meters/list-usage-meters";
import { queryUsage } from "@/lib/metering/queries/query-usage";
import { usageRange } from "@/lib/metering/queries/usage-range";
import { MeterUsageSection, type UsageKey } from "@/components/usage/meter-usage-section";

export const dynamic = "force-dynamic";

/** The member's live usage, one section per active meter; the first view is loaded here, then each section polls. */
export default async function UsagePage() {
  const user = await requireMember();
  const [customer, meters] = await Promise.all([getCustomer(user, user.customerId), listUsageMeters(user)]);
  const range = usageRange("today", new Date())!;
  const initial = await Promise.all(
    meters.map(async (m) => {
      const key: UsageKey = { meter: m.key, range: "today", from: range.from, to: range.to, granularity: "hour", groupBy: m.groupBy[0] ?? null };
      const data = await queryUsage(user, { customerId: customer.id, meterKey: m.key, from: new Date(range.from), to: new Date(range.to), granularity: "hour", groupBy: key.groupBy });
      return { key, data };
    }),
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Usage</h1>
        <p className="text-sm text-slate-500">Live consumption for {customer.name}, in UTC. New usage shows within seconds.</p>
      </div>
      {meters.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          Nothing is metered yet. Your admin defines meters (what is counted, and how); once one exists, usage you send to POST /api/v1/events shows here.
        </p>
      ) : (
        meters.map((m, i) => <MeterUsageSection key={m.key} meter={m} customer={customer.externalId} appUrl={env().APP_URL} initial={initial[i]} />)
      )}
    </div>
  );
}
