import type { AlertDto } from "@/lib/limits/limits-overview";
import { formatQuantity as groupDigits } from "@/lib/money/format-major";
import { formatDateTime, formatDay } from "@/lib/dates/format-date";

const what = (a: AlertDto) =>
  a.kind === "cap_reached"
    ? "Hard cap reached: usage refused"
    : a.kind === "forecast"
      ? `Projected to exceed ${a.threshold}% of the limit by the period's end`
      : a.kind === "spike"
        ? `Usage spike: ${groupDigits(a.value)} in the hour of ${formatDateTime(a.periodStart)}`
        : `${a.threshold}% of the limit reached`;

/** The alerts of a customer's limits, newest first: what was crossed, when, and whether usage fell back under it. */
export function AlertHistory({ alerts }: { alerts: AlertDto[] }) {
  if (alerts.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No alerts yet. They appear here when usage reaches a threshold of a limit.
      </p>
    );
  return (
    <table className="w-full text-sm" data-testid="alert-history">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1">When</th>
          <th>Limit</th>
          <th>Alert</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <tr key={a.id} className="border-t border-slate-100">
            <td className="py-1.5">
              {formatDateTime(a.triggeredAt)}
            </td>
            <td>{a.label}</td>
            <td>{what(a)}</td>
            <td>
              {a.kind === "spike" ? (
                "—"
              ) : a.resolvedAt ? (
                `Resolved ${formatDay(a.resolvedAt)}`
              ) : (
                <span className="font-medium text-amber-700">Active</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
