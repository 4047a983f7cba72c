import { requireAdmin } from "@/lib/auth/current-user";
import { listCustomers } from "@/lib/customers/list-customers";
import { listMeters } from "@/lib/metering/meters/list-meters";
import { listRecentVoids } from "@/lib/metering/voids/list-recent-voids";
import { VoidEventsForm } from "@/components/admin/void-events-form";
import { DataTable } from "@/components/ui/data-table";
import { voidEventsAction } from "./actions";
import { formatTimestamp } from "@/lib/dates/format-date";

export default async function VoidEventsPage({ searchParams }: { searchParams: Promise<{ customer?: string; eventId?: string }> }) {
  const admin = await requireAdmin();
  const { customer = "", eventId = "" } = await searchParams;
  const [customers, meters, voids] = await Promise.all([
    listCustomers(admin),
    listMeters(admin),
    listRecentVoids(admin),
  ]);
  const eventTypes = [...new Set(meters.map((m) => m.eventType))].sort();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Void events</h1>
        <p className="text-sm text-slate-500">
          Corrections: voided events stop counting on every meter, at once, and the audit log keeps who voided
          them and why. Their ids stay taken, so a re-sent copy is still a duplicate.
        </p>
      </div>
      <VoidEventsForm
        customers={customers.map((c) => ({ externalId: c.externalId, name: c.name }))}
        eventTypes={eventTypes}
        action={voidEventsAction}
        prefill={customer && eventId ? { customer: String(customer), eventId: String(eventId) } : undefined}
      />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Recent voids</h2>
        {voids.length === 0 ? (
          <p className="text-sm text-slate-500">No events have been voided.</p>
        ) : (
          <DataTable columns={["When", "Customer", "What", "Events", "Reason", "By"]}>
            {voids.map((v, i) => (
              <tr key={i} className="border-t border-slate-100 align-top">
                <td className="px-4 py-2 whitespace-nowrap">
                  {formatTimestamp(v.at)}
                </td>
                <td className="px-4 py-2 font-mono">{v.customer}</td>
                <td className="px-4 py-2 font-mono text-xs">{describe(v.criteria)}</td>
                <td className="px-4 py-2">{v.voided}</td>
                <td className="px-4 py-2">{v.reason}</td>
                <td className="px-4 py-2">{v.by ?? "–"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}

function describe(c: Record<string, unknown>): string {
  if (typeof c.eventId === "string") return `id ${c.eventId}`;
  const property = c.property as { name: string; value: unknown } | undefined;
  return `${String(c.eventType)} ${String(c.from)} – ${String(c.to)}${property ? ` where ${property.name} = ${String(property.value)}` : ""}`;
}
