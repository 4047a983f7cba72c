import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { listCustomers } from "@/lib/customers/list-customers";
import { toAppError } from "@/lib/errors/to-app-error";
import { listMeters } from "@/lib/metering/meters/list-meters";
import { listDuplicateConflicts } from "@/lib/metering/conflicts/list-duplicate-conflicts";
import { encodeCursor, searchParamsObject } from "@/lib/metering/queries/event-explorer-params";
import { exploreEvents } from "@/lib/metering/queries/explore-events";
import { quantityLabeller } from "@/lib/metering/queries/event-quantities";
import { EventsFilterForm } from "@/components/events/events-filter-form";
import { EventsTable } from "@/components/events/events-table";
import { DuplicateConflictsTable } from "@/components/conflicts/duplicate-conflicts-table";

export const dynamic = "force-dynamic";

export default async function EventsExplorerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const query = searchParamsObject(await searchParams);
  const [customers, meters] = await Promise.all([listCustomers(admin), listMeters(admin)]);
  const eventTypes = [...new Set(meters.map((m) => m.eventType))].sort();
  const chosen = query.customer || query.id ? query : { ...query, customer: customers[0]?.id ?? "" };
  const result = chosen.customer || chosen.id ? await exploreEvents(admin, chosen).catch((e) => toAppError(e) ?? Promise.reject(e)) : null;
  const failed = result && "code" in result ? result : null;
  const page = result && !("code" in result) ? result : null;
  const label = await quantityLabeller(page?.events.map((e) => e.type) ?? []);
  const conflicts = await listDuplicateConflicts(admin, { customerId: page?.customerId ?? null, limit: 20 });
  const filters = { customer: page?.customerId ?? chosen.customer ?? "", type: chosen.type ?? "", from: chosen.from ?? "", to: chosen.to ?? "", id: chosen.id ?? "", match: chosen.match ?? "prefix" };
  const link = (over: Record<string, string>) => `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), ...over })}`;
  const last = page?.events.at(-1);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Events</h1>
        <p className="text-sm text-slate-500">
          Usage events as stored, newest first: find one by customer, type, time (UTC) or id, see what it counted, and void it. Voided events stay
          listed, greyed.
        </p>
      </div>
      <EventsFilterForm filters={filters} customers={customers} eventTypes={eventTypes} />
      {failed && (
        <p role="alert" className="text-sm text-red-700">
          {failed.problems.length > 0 ? failed.problems.map((p) => `${p.field}: ${p.message}`).join(" · ") : failed.message}
        </p>
      )}
      {!result && <p className="text-sm text-slate-500">No customers yet: create one, then send it usage.</p>}
      {page && (
        <section className="space-y-3">
          <div className="flex items-center justify-between text-sm">
            <span className="text-slate-600">{page.events.length === 0 ? "No events match these filters." : `${page.events.length}${page.hasMore ? "+" : ""} event(s) on this page`}</span>
            <a href={`/api/admin/events/csv${link({})}`} className="text-indigo-700 hover:underline" download>
              Download CSV (every matching event)
            </a>
          </div>
          {page.events.length > 0 && <EventsTable events={page.events} quantities={page.events.map(label)} />}
          <nav className="flex gap-4 text-sm">
            {page.params.cursor && <Link href={link({})} className="text-indigo-700 hover:underline">← Newest</Link>}
            {page.hasMore && last && <Link href={link({ cursor: encodeCursor(last.timestamp, last.id) })} className="text-indigo-700 hover:underline">Older →</Link>}
          </nav>
        </section>
      )}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Duplicate conflicts{page?.customerId ? " of this customer" : ""}</h2>
        <p className="text-sm text-slate-500">Ids re-sent with other content than the stored event (answered 202 duplicate, conflict: true; not stored), per day.</p>
        <DuplicateConflictsTable days={conflicts} showCustomer />
      </section>
    </div>
  );
}
