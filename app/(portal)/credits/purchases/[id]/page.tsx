import Link from "next/link";
import { requireMember } from "@/lib/auth/current-user";
import { getPurchase } from "@/lib/payments/get-purchase";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";
import { PurchaseStatus } from "@/components/credits/purchase-status";

export const dynamic = "force-dynamic";

/** Where Stripe Checkout returns to: pending until Stripe's webhook confirms the payment, then the new balance. */
export default async function PurchasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireMember();
  const { id } = await params;
  const initial = await notFoundOnMissing(getPurchase(user, user.customerId, id));
  return (
    <div className="max-w-xl space-y-6">
      <Link href="/credits" className="text-sm text-indigo-700 hover:underline">
        ← Credits
      </Link>
      <h1 className="text-2xl font-semibold">Your purchase</h1>
      <PurchaseStatus purchaseId={id} initial={initial} />
    </div>
  );
}
