import { requireAdmin } from "@/lib/auth/current-user";
import { listCustomers } from "@/lib/customers/list-customers";
import { listAuditActors, listAuditLog } from "@/lib/audit/list-audit-log";
import { parseAuditLogFilters } from "@/lib/audit/audit-log-filters";
import { toAppError } from "@/lib/errors/to-app-error";
import { AuditFilterForm, type AuditFilterValues } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

/** Who did what and when: every audited change, newest first, filtered by who, action, customer, target and day. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const admin = await requireAdmin();
  const query = await searchParams;
  const values = Object.fromEntries(
    ["actor", "action", "customer", "target", "from", "to"].map((k) => [k, first(query[k]) ?? ""]),
  ) as AuditFilterValues;
  let filters;
  let problem: string | null = null;
  try {
    filters = parseAuditLogFilters(query);
  } catch (e) {
    const known = toAppError(e);
    if (!known) throw e;
    problem = known.problems.map((p) => `${p.field}: ${p.message}`).join("; ") || known.message;
  }
  const [page, actors, customers] = await Promise.all([
    filters ? listAuditLog(admin, filters) : Promise.resolve({ rows: [], nextBefore: null }),
    listAuditActors(admin),
    listCustomers(admin),
  ]);
  const filtered = Object.values(values).some((v) => v);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-sm text-slate-500">
          Who changed what, and when (UTC): plans, voids, credits, limits and caps, API keys, invoices, credit
          notes, webhooks and customers. Newest first; the log is append-only.
        </p>
      </div>
      <AuditFilterForm values={values} actors={actors} customers={customers.map((c) => ({ id: c.id, name: c.name }))} />
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      {!problem && page.rows.length === 0 ? (
        <p className="text-sm text-slate-500">
          {filtered ? "Nothing matches these filters: widen the dates or clear a filter." : "Nothing has been audited yet: changes made by admins and members appear here."}
        </p>
      ) : (
        <AuditTable rows={page.rows} />
      )}
      <nav className="flex gap-4 text-sm" aria-label="Audit log pages">
        {query.before && (
          <a href={`/admin/audit?${params(values, null)}`} className="text-indigo-700 hover:underline">
            Newest
          </a>
        )}
        {page.nextBefore && (
          <a href={`/admin/audit?${params(values, page.nextBefore)}`} className="text-indigo-700 hover:underline">
            Older →
          </a>
        )}
      </nav>
    </div>
  );
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function params(values: AuditFilterValues, before: string | null): string {
  const p = new URLSearchParams(Object.entries(values).filter(([, v]) => v) as [string, string][]);
  if (before) p.set("before", before);
  return p.toString();
}
