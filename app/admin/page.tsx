import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { listCustomers } from "@/lib/customers/list-customers";
import { DataTable } from "@/components/ui/data-table";

export default async function AdminHome() {
  const admin = await requireAdmin();
  const customers = await listCustomers(admin);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Customers</h1>
      <DataTable columns={["Name", "External id", "Currency", "Members"]}>
        {customers.map((c) => (
          <tr key={c.id} className="border-t border-slate-100">
            <td className="px-4 py-2 font-medium">
              <Link href={`/admin/customers/${c.id}`} className="text-indigo-700 hover:underline">
                {c.name}
              </Link>
            </td>
            <td className="px-4 py-2 font-mono">{c.externalId}</td>
            <td className="px-4 py-2">{c.currency}</td>
            <td className="px-4 py-2">{c._count.users}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
