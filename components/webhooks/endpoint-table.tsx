import Link from "next/link";
import type { SubmitAction } from "@/lib/forms/form-state";
import type { EndpointDto } from "@/lib/webhooks/endpoint-dto";
import { DataTable } from "@/components/ui/data-table";

/** The enable / disable button of an endpoint. */
export function EnableToggle({ endpoint, action }: { endpoint: EndpointDto; action: SubmitAction }) {
  return (
    <form action={action}>
      <input type="hidden" name="id" value={endpoint.id} />
      <input type="hidden" name="enabled" value={endpoint.enabled ? "false" : "true"} />
      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
        {endpoint.enabled ? "Disable" : "Enable"}
      </button>
    </form>
  );
}

export function EndpointStatus({ endpoint }: { endpoint: EndpointDto }) {
  if (endpoint.enabled) return <span className="text-green-700">Enabled{endpoint.failingSince ? " (failing)" : ""}</span>;
  return <span className="text-slate-500" title={endpoint.disabledReason ?? undefined}>Disabled{endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ""}</span>;
}

export function EndpointTable({ endpoints, toggleAction }: { endpoints: EndpointDto[]; toggleAction: SubmitAction }) {
  if (endpoints.length === 0)
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">No endpoints yet. Add one below and your systems get signed events as they happen.</p>;
  return (
    <DataTable columns={["Endpoint", "Events", "Status", ""]}>
      {endpoints.map((e) => (
        <tr key={e.id} className="border-t border-slate-100" data-testid={`webhook-endpoint-${e.id}`}>
          <td className="px-4 py-2">
            <Link href={`/admin/webhooks/${e.id}`} className="font-medium text-indigo-700 hover:underline">
              {e.url}
            </Link>
            {e.description && <div className="text-xs text-slate-500">{e.description}</div>}
          </td>
          <td className="px-4 py-2 font-mono text-xs">{e.eventTypes.length ? e.eventTypes.join(", ") : "all"}</td>
          <td className="px-4 py-2">
            <EndpointStatus endpoint={e} />
          </td>
          <td className="px-4 py-2 text-right">
            <EnableToggle endpoint={e} action={toggleAction} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
