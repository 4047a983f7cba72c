import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/lib/dates/format-date";
import type { AuditRow } from "@/lib/audit/list-audit-log";

/** The audit log's rows, newest first: when, who, what, to what, for which customer, and the details. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable columns={["When", "Who", "Action", "Target", "Customer", "Details"]} testId="audit-log">
      {rows.map((r) => (
        <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="audit-row" data-action={r.action}>
          <td className="whitespace-nowrap px-4 py-2">{formatTimestamp(r.createdAt, { seconds: true })}</td>
          <td className="px-4 py-2">{r.actor.name}</td>
          <td className="px-4 py-2">
            <span className="font-medium">{r.label}</span>
            <span className="block font-mono text-xs text-slate-500">{r.action}</span>
          </td>
          <td className="px-4 py-2 font-mono text-xs">{r.target ?? "–"}</td>
          <td className="px-4 py-2">
            {r.customer ? (
              <Link href={`/admin/customers/${r.customer.id}`} className="text-indigo-700 hover:underline">
                {r.customer.name}
              </Link>
            ) : (
              "–"
            )}
          </td>
          <td className="max-w-md px-4 py-2 font-mono text-xs break-all text-slate-600">{detailsText(r.details)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function detailsText(details: unknown): string {
  if (!details || typeof details !== "object" || Object.keys(details).length === 0) return "";
  return Object.entries(details as Record<string, unknown>)
    .filter(([k]) => k !== "customerId")
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("; ");
}
