import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";

type Option = { id: string; name: string };
export type AuditFilterValues = { actor?: string; action?: string; customer?: string; target?: string; from?: string; to?: string };

const GROUPS = [...new Set(Object.keys(AUDIT_ACTIONS).map((a) => a.split(".")[0]))].sort();
const field = "mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm";

/** The audit log's filters: a plain GET form, so a filtered view is a link to share. */
export function AuditFilterForm({ values, actors, customers }: { values: AuditFilterValues; actors: Option[]; customers: Option[] }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Filter the audit log">
      <label className="text-sm font-medium">
        Who
        <select name="actor" defaultValue={values.actor ?? ""} className={field}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Action
        <select name="action" defaultValue={values.action ?? ""} className={field}>
          <option value="">Any action</option>
          {GROUPS.map((g) => (
            <optgroup key={g} label={g}>
              <option value={`${g}.`}>Any {g.replace(/_/g, " ")} action</option>
              {Object.entries(AUDIT_ACTIONS)
                .filter(([a]) => a.startsWith(`${g}.`))
                .map(([a, { label }]) => (
                  <option key={a} value={a}>
                    {label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Customer
        <select name="customer" defaultValue={values.customer ?? ""} className={field}>
          <option value="">Any customer</option>
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Target id
        <input name="target" defaultValue={values.target ?? ""} placeholder="invoice, key, meter… id" className={`${field} w-56 font-mono`} />
      </label>
      <label className="text-sm font-medium">
        From (UTC)
        <input type="date" name="from" defaultValue={values.from ?? ""} className={field} />
      </label>
      <label className="text-sm font-medium">
        To (UTC, inclusive)
        <input type="date" name="to" defaultValue={values.to ?? ""} className={field} />
      </label>
      <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Filter
      </button>
      <a href="/admin/audit" className="px-2 py-2 text-sm text-indigo-700 hover:underline">
        Clear
      </a>
    </form>
  );
}
