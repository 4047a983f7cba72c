import Link from "next/link";
import { requireMember } from "@/lib/auth/current-user";
import { getInvoice } from "@/lib/billing/get-invoice";
import { InvoiceDetailView } from "@/components/invoices/invoice-detail";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";

export const dynamic = "force-dynamic";

/** One of the member's invoices, by number (or id for a draft); another customer's is the 404 page. */
export default async function InvoicePage({ params }: { params: Promise<{ number: string }> }) {
  const user = await requireMember();
  const invoice = await notFoundOnMissing(
    getInvoice(user, user.customerId, decodeURIComponent((await params).number)),
  );
  return (
    <div className="space-y-4">
      <Link href="/invoices" className="text-sm text-indigo-700 hover:underline">
        ← Invoices
      </Link>
      <InvoiceDetailView invoice={invoice} />
    </div>
  );
}
