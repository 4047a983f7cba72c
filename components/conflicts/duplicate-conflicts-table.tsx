import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/lib/dates/format-date";
import type { ConflictDay } from "@/lib/metering/conflicts/list-duplicate-conflicts";

const content = (c: { type: string; timestamp: string; properties: Record<string, unknown> }) =>
  `${c.type} at ${c.timestamp}\n${JSON.stringify(c.properties)}`;

/**
 * Duplicate conflicts per customer and day: re-sent event ids whose content differed from the stored
 * event (answered 202 duplicate, conflict: true, not stored), with the last one's sent and stored content.
 */
export function DuplicateConflictsTable({ days, showCustomer }: { days: ConflictDay[]; showCustomer: boolean }) {
  if (days.length === 0) return <p className="text-sm text-slate-500">No duplicate conflicts in the last 30 days.</p>;
  return (
    <DataTable testId="duplicate-conflicts" columns={[...(showCustomer ? ["Customer"] : []), "Day (UTC)", "Conflicts", "Last", "Event id", "Sent", "Stored"]}>
      {days.map((d) => (
        <tr key={`${d.customerId}-${d.day}`} className="border-t border-slate-100 align-top">
          {showCustomer && <td className="px-4 py-2">{d.customerName} <span className="font-mono text-xs text-slate-500">{d.externalId}</span></td>}
          <td className="px-4 py-2 whitespace-nowrap">{d.day}</td>
          <td className="px-4 py-2 tabular-nums">{d.count}</td>
          <td className="px-4 py-2 whitespace-nowrap">{formatTimestamp(d.lastAt)}</td>
          <td className="px-4 py-2 font-mono text-xs">{d.sample.id}</td>
          <td className="px-4 py-2"><pre className="max-w-xs whitespace-pre-wrap break-all font-mono text-xs">{content(d.sample.sent)}</pre></td>
          <td className="px-4 py-2"><pre className="max-w-xs whitespace-pre-wrap break-all font-mono text-xs">{content(d.sample.stored)}</pre></td>
        </tr>
      ))}
    </DataTable>
  );
}
