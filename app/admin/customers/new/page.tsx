import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { listPublishedVersions } from "@/lib/plans/list-published-versions";
import { CURRENCY_CODES } from "@/lib/money/currencies";
import { CreateCustomerForm } from "@/components/customers/create-customer-form";
import { createCustomerAction } from "./actions";

export default async function NewCustomerPage() {
  const admin = await requireAdmin();
  const versions = (await Promise.all(CURRENCY_CODES.map((c) => listPublishedVersions(admin, c)))).flat();
  return (
    <div className="space-y-4">
      <div>
        <Link href="/admin" className="text-sm text-indigo-700 hover:underline">
          ← Customers
        </Link>
        <h1 className="text-2xl font-semibold">New customer</h1>
        <p className="text-sm text-slate-500">After creating it, invite its members from its page: each gets an email to set their password.</p>
      </div>
      <CreateCustomerForm currencies={[...CURRENCY_CODES]} versions={versions} action={createCustomerAction} />
    </div>
  );
}
