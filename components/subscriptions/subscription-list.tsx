import type { SubscriptionDto } from "@/lib/subscriptions/subscription-dto";
import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/lib/dates/format-date";

const day = (iso: string | null) => (iso ? formatTimestamp(iso) : "—");

const STATE_STYLE: Record<SubscriptionDto["state"], string> = {
  active: "bg-emerald-100 text-emerald-800",
  trialing: "bg-sky-100 text-sky-800",
  scheduled: "bg-amber-100 text-amber-800",
  ended: "bg-slate-100 text-slate-600",
};

/** The customer's subscriptions, newest first. */
export function SubscriptionList({ subscriptions }: { subscriptions: SubscriptionDto[] }) {
  if (subscriptions.length === 0) return <p className="text-sm text-slate-500">Not subscribed: usage is metered but not charged until a plan is assigned.</p>;
  return (
    <DataTable columns={["Plan", "State", "Started", "Current period", "Ends"]} variant="plain" testId="subscriptions">
      {subscriptions.map((s) => (
        <tr key={s.id} className="border-t border-slate-100">
          <td className="py-1.5 font-medium">
            {s.plan.name} v{s.version.number}
          </td>
          <td className="py-1.5">
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATE_STYLE[s.state]}`}>{s.state}</span>
            {s.trialEndsAt && s.state === "trialing" && <span className="ml-1 text-xs text-slate-500">until {day(s.trialEndsAt)}</span>}
          </td>
          <td className="py-1.5">{day(s.startedAt)}</td>
          <td className="py-1.5">{s.currentPeriod ? `${day(s.currentPeriod.start)} → ${day(s.currentPeriod.end)}` : "—"}</td>
          <td className="py-1.5">
            {day(s.endsAt)}
            {s.cancelAtPeriodEnd && <span className="ml-1 text-xs text-red-700">(canceled)</span>}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
