import { requireMember } from "@/lib/auth/current-user";
import { getBillingProfile } from "@/lib/billing/billing-profile";
import { BillingDetailsForm } from "@/components/invoices/billing-details-form";
import { saveBillingDetailsAction } from "./actions";

export const dynamic = "force-dynamic";

/** The member's billing details: who invoices are addressed to (copied onto each invoice when it is finalized). */
export default async function BillingSettingsPage() {
  const user = await requireMember();
  const profile = await getBillingProfile(user, user.customerId);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Billing details</h1>
        <p className="text-sm text-slate-500">
          Who your invoices are addressed to. Each invoice keeps the details it was issued with; changes apply
          to invoices finalized from now on.
          {profile.netTermsDays > 0
            ? ` Invoices are due ${profile.netTermsDays} days after they are issued.`
            : " Invoices are due when they are issued."}
        </p>
      </div>
      <BillingDetailsForm profile={profile} action={saveBillingDetailsAction} />
    </div>
  );
}
