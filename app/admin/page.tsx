import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { searchCustomers } from "@/lib/customers/search-customers";
import { CustomerListTable } from "@/components/customers/customer-list-table";

export default async function AdminHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const list = await searchCustomers(admin, await searchParams);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Customers</h1>
        <Link href="/admin/customers/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          New customer
        </Link>
      </div>
      <form method="get" action="/admin" className="flex gap-2" role="search">
        <input type="hidden" name="sort" value={list.params.sort} />
        <input type="hidden" name="dir" value={list.params.dir} />
        <input
          name="q"
          type="search"
          defaultValue={list.params.q}
          placeholder="Search by name, externalId or email"
          aria-label="Search customers"
          className="w-80 rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <button className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">Search</button>
      </form>
      <CustomerListTable list={list} />
    </div>
  );
}
