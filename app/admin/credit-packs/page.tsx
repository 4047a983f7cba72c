import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { listCreditPacks } from "@/lib/credit-packs/list-credit-packs";
import { PackForm } from "@/components/credits/pack-form";
import { DataTable } from "@/components/ui/data-table";
import { savePackAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function CreditPacksPage({
  searchParams,
}: {
  searchParams: Promise<{ saved?: string }>;
}) {
  const admin = await requireAdmin();
  const [packs, { saved }] = await Promise.all([listCreditPacks(admin), searchParams]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Credit packs</h1>
        <p className="text-sm text-slate-500">
          What customers can buy: pay the price, get the credits plus any bonus, in the pack&apos;s currency.
        </p>
      </div>
      {saved && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Pack {saved} saved.
        </p>
      )}
      {packs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No packs yet. Create one below so customers can buy credits.
        </p>
      ) : (
        <DataTable
          columns={[
            "Pack",
            { label: "Price", align: "right" },
            { label: "Credits", align: "right" },
            { label: "Bonus", align: "right" },
            "Status",
            "",
          ]}
        >
          {packs.map((p) => (
            <tr key={p.id} className="border-t border-slate-100" data-testid={`admin-pack-${p.name}`}>
              <td className="px-4 py-2 font-medium">{p.name}</td>
              <td className="px-4 py-2 text-right tabular-nums">{p.price.formatted}</td>
              <td className="px-4 py-2 text-right tabular-nums">{p.credits.formatted}</td>
              <td className="px-4 py-2 text-right tabular-nums">{p.bonusCredits.formatted}</td>
              <td className="px-4 py-2">
                {p.active ? (
                  <span className="text-green-700">For sale</span>
                ) : (
                  <span className="text-slate-500">Inactive</span>
                )}
              </td>
              <td className="px-4 py-2 text-right">
                <Link
                  href={`/admin/credit-packs/${p.id}`}
                  className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50"
                >
                  Edit
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div>
        <h2 className="mb-2 text-lg font-semibold">New pack</h2>
        <PackForm
          initial={{ name: "", currency: "USD", price: "", credits: "", bonusCredits: "", active: true }}
          submitLabel="Create pack"
          action={savePackAction}
        />
      </div>
    </div>
  );
}
