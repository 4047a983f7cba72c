import Link from "next/link";
import type { CustomerList } from "@/lib/customers/search-customers";
import { formatMinor } from "@/lib/money/format";
import { parseCurrency } from "@/lib/money/currencies";

const STATUS_STYLE = {
  active: "text-slate-500",
  suspended: "font-medium text-amber-700",
  uncollectible: "font-medium text-red-700",
} as const;

type SortKey = CustomerList["params"]["sort"];

/** The admin's customer list: each header a sort link (again: the other direction), each row a link to the customer. */
export function CustomerListTable({ list }: { list: CustomerList }) {
  const { params } = list;
  const href = (over: Partial<Record<"q" | "sort" | "dir" | "page", string>>) => {
    const q = new URLSearchParams({ q: params.q, sort: params.sort, dir: params.dir, page: String(params.page), ...over });
    if (!q.get("q")) q.delete("q");
    return `/admin?${q}`;
  };
  const th = (label: string, key?: SortKey, right = false) => {
    const active = key !== undefined && params.sort === key;
    const dir = active && params.dir === "asc" ? "desc" : "asc";
    return (
      <th className={`px-4 py-2${right ? " text-right" : ""}`} aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}>
        {key ? (
          <Link href={href({ sort: key, dir, page: "1" })} className="hover:underline">
            {label}
            {active ? (params.dir === "asc" ? " ↑" : " ↓") : ""}
          </Link>
        ) : (
          label
        )}
      </th>
    );
  };
  if (list.items.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-500">
        {params.q ? `No customer matches “${params.q}”. Search by name, externalId or email.` : "No customers yet: create the first one with “New customer”."}
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="customer-list">
        <thead className="bg-slate-50 text-left text-slate-500">
          <tr>
            {th("Name", "name")}
            {th("External id", "externalId")}
            {th("Plan")}
            {th("Balance", "balance", true)}
            {th("Spend this period", "spend", true)}
            {th("Currency")}
            {th("Status")}
            {th("Members")}
          </tr>
        </thead>
        <tbody>
        {list.items.map((c) => {
          const currency = parseCurrency(c.currency);
          return (
            <tr key={c.id} className="border-t border-slate-100">
              <td className="px-4 py-2 font-medium">
                <Link href={`/admin/customers/${c.id}`} className="text-indigo-700 hover:underline">
                  {c.name}
                </Link>
                {c.billingEmail && <span className="block text-xs text-slate-500">{c.billingEmail}</span>}
              </td>
              <td className="px-4 py-2 font-mono">{c.externalId}</td>
              <td className="px-4 py-2">{c.plan ? `${c.plan.name} v${c.plan.version}${c.plan.onTrial ? " (trial)" : ""}` : <span className="text-slate-400">none</span>}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatMinor(c.balanceMinor, currency)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{c.plan ? formatMinor(c.spendMinor, currency) : "–"}</td>
              <td className="px-4 py-2">{c.currency}</td>
              <td className={`px-4 py-2 ${STATUS_STYLE[c.status]}`}>{c.status}</td>
              <td className="px-4 py-2">{c.members}</td>
            </tr>
          );
        })}
        </tbody>
      </table>
      <nav className="flex items-center justify-between text-sm text-slate-600" aria-label="Pages">
        <span>
          {list.total} customer{list.total === 1 ? "" : "s"} · page {params.page} of {list.pages}
        </span>
        <span className="space-x-4">
          {params.page > 1 && <Link href={href({ page: String(params.page - 1) })} className="text-indigo-700 hover:underline">← Previous</Link>}
          {params.page < list.pages && <Link href={href({ page: String(params.page + 1) })} className="text-indigo-700 hover:underline">Next →</Link>}
        </span>
      </nav>
    </div>
  );
}
