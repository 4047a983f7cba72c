import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/lib/dates/format-date";
import type { ExploredEvent } from "@/lib/metering/queries/explore-events";

/** The explorer's rows: when, whose, which id and type, what it counted, its properties, when stored, and voided or a link to void it. */
export function EventsTable({ events, quantities }: { events: ExploredEvent[]; quantities: string[] }) {
  return (
    <DataTable testId="events" columns={["Timestamp", "Customer", "Id", "Type", "Quantity", "Properties", "Stored", ""]}>
      {events.map((e, i) => (
        <tr key={`${e.customerId}/${e.id}`} className={`border-t border-slate-100 align-top ${e.voidedAt ? "text-slate-400" : ""}`}>
          <td className="px-4 py-2 whitespace-nowrap">{formatTimestamp(e.timestamp, { seconds: true })}</td>
          <td className="px-4 py-2 font-mono text-xs">{e.externalId}</td>
          <td className="px-4 py-2 font-mono text-xs break-all">{e.id}</td>
          <td className="px-4 py-2 font-mono text-xs">{e.type}</td>
          <td className="px-4 py-2 text-xs">{quantities[i]}</td>
          <td className="px-4 py-2"><pre className="max-w-xs whitespace-pre-wrap break-all font-mono text-xs">{JSON.stringify(e.properties)}</pre></td>
          <td className="px-4 py-2 whitespace-nowrap text-xs">{formatTimestamp(e.receivedAt, { seconds: true })}</td>
          <td className="px-4 py-2 text-xs">
            {e.voidedAt ? (
              <span title={e.voidReason ?? ""}>Voided {formatTimestamp(e.voidedAt)}{e.voidReason ? `: ${e.voidReason}` : ""}</span>
            ) : (
              <Link href={`/admin/void-events?${new URLSearchParams({ customer: e.externalId, eventId: e.id })}`} className="text-indigo-700 hover:underline">
                Void…
              </Link>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
