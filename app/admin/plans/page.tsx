import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { listPlans } from "@/lib/plans/list-plans";
import { formatMinor } from "@/lib/money/format";
import { parseCurrency } from "@/lib/money/currencies";
import { CreatePlanForm } from "@/components/plans/create-plan-form";
import { DataTable } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";

export default async function PlansPage() {
  const admin = await requireAdmin();
  const plans = await listPlans(admin);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Plans</h1>
        <p className="text-sm text-slate-500">What customers pay: a base fee and a price per meter. Publish a version to assign it; published versions never change.</p>
      </div>
      <CreatePlanForm />
      {plans.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">No plans yet. Create one above, add prices per meter to its draft, then publish it.</p>
      ) : (
        <DataTable columns={["Plan", "Latest published", "Draft", "Customers"]}>
          {plans.map((p) => {
            const published = p.versions.filter((v) => v.status === "PUBLISHED").at(-1);
            const draft = p.versions.find((v) => v.status === "DRAFT");
            return (
              <tr key={p.id} className="border-t border-slate-100">
                <td className="px-4 py-2">
                  <Link href={`/admin/plans/${p.id}`} className="font-medium text-indigo-700 hover:underline">
                    {p.name}
                  </Link>
                  {p.description && <div className="text-slate-500">{p.description}</div>}
                </td>
                <td className="px-4 py-2">
                  {published ? `v${published.number} · ${formatMinor(BigInt(published.baseFeeMinor), parseCurrency(published.currency))} per ${published.interval.toLowerCase()} · ${published.prices} price${published.prices === 1 ? "" : "s"}` : "—"}
                </td>
                <td className="px-4 py-2">{draft ? `v${draft.number}` : "—"}</td>
                <td className="px-4 py-2">{p.subscribers}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </div>
  );
}
