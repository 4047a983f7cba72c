import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { listMeters } from "@/lib/metering/meters/list-meters";
import { formatFilterText } from "@/lib/metering/meters/filter-text";
import { ArchiveMeterButton } from "@/components/admin/archive-meter-button";
import { DataTable } from "@/components/ui/data-table";
import { archiveMeterAction } from "./actions";

export default async function MetersPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const admin = await requireAdmin();
  const [meters, { saved }] = await Promise.all([listMeters(admin), searchParams]);
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Meters</h1>
          <p className="text-sm text-slate-500">
            What is counted: each meter turns events of one type into usage (sum, count, max, unique count or
            latest value).
          </p>
        </div>
        <Link
          href="/admin/meters/new"
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
        >
          New meter
        </Link>
      </div>
      {saved && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Meter <code>{saved}</code> saved.
        </p>
      )}
      {meters.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No meters yet. Create one to start counting the events your apps send.
        </p>
      ) : (
        <DataTable columns={["Meter", "Event type", "Aggregation", "Group by / filters", "Status", ""]}>
          {meters.map((m) => (
            <tr key={m.id} className="border-t border-slate-100 align-top" data-testid={`meter-${m.key}`}>
              <td className="px-4 py-2">
                <div className="font-medium">{m.name}</div>
                <div className="font-mono text-xs text-slate-500">
                  {m.key} · {m.unit}
                </div>
              </td>
              <td className="px-4 py-2 font-mono">{m.eventType}</td>
              <td className="px-4 py-2">
                {m.aggregation}
                {m.valueProperty && <span className="font-mono text-slate-500"> ({m.valueProperty})</span>}
                {m.allowNegative && <div className="text-xs text-slate-500">negative values allowed</div>}
              </td>
              <td className="px-4 py-2 font-mono text-xs">
                {m.groupBy.length > 0 ? m.groupBy.join(", ") : "–"}
                {Object.keys(m.filters as object).length > 0 && (
                  <div className="whitespace-pre text-slate-500">
                    {formatFilterText(m.filters as Record<string, unknown>)}
                  </div>
                )}
              </td>
              <td className="px-4 py-2">
                {m.archivedAt ? (
                  <span className="text-slate-500">Archived</span>
                ) : (
                  <span className="text-green-700">Active</span>
                )}
                {m.inUse && <div className="text-xs text-slate-500">in use</div>}
              </td>
              <td className="px-4 py-2">
                {!m.archivedAt && (
                  <div className="flex justify-end gap-2">
                    <Link
                      href={`/admin/meters/${m.id}/edit`}
                      className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
                    >
                      Edit
                    </Link>
                    <ArchiveMeterButton id={m.id} meterKey={m.key} action={archiveMeterAction} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
