import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { getCustomerSubscriptions } from "@/lib/subscriptions/get-customer-subscriptions";
import { listPublishedVersions } from "@/lib/plans/list-published-versions";
import { SubscriptionPanel } from "@/components/subscriptions/subscription-panel";
import { notFoundOnMissing } from "@/components/plans/not-found-on-missing";
import { CustomerCreditsPanel } from "@/components/credits/customer-credits-panel";
import { getBillingProfile } from "@/lib/billing/billing-profile";
import { CollectionTermsForm } from "@/components/invoices/collection-terms-form";
import { saveCollectionTermsAction } from "./billing-terms-actions";
import { adjustCreditsAction, grantPromotionalAction } from "./credit-actions";
import { limitsOverview } from "@/lib/limits/limits-overview";
import { LimitsPanel } from "@/components/limits/limits-panel";
import { CustomerSpendPanel } from "@/components/analytics/customer-spend-panel";
import { parseCurrency } from "@/lib/money/currencies";
import { removeAdminLimitAction, setAdminLimitAction } from "./limit-actions";
import { listMembers } from "@/lib/members/list-members";
import { MembersPanel } from "@/components/members/members-panel";
import { listDuplicateConflicts } from "@/lib/metering/conflicts/list-duplicate-conflicts";
import { DuplicateConflictsTable } from "@/components/conflicts/duplicate-conflicts-table";
import { inviteMemberAction, sendMemberLinkAction } from "./member-actions";

export const dynamic = "force-dynamic";

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { customer, subscriptions } = await notFoundOnMissing(
    getCustomerSubscriptions(admin, (await params).id),
  );
  const [versions, billing, limits, members, conflicts] = await Promise.all([
    listPublishedVersions(admin, customer.currency),
    getBillingProfile(admin, customer.id),
    limitsOverview(admin, customer.id),
    listMembers(admin, customer.id),
    listDuplicateConflicts(admin, { customerId: customer.id }),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin" className="text-sm text-indigo-700 hover:underline">
          ← Customers
        </Link>
        <h1 className="text-2xl font-semibold">{customer.name}</h1>
        <p className="text-sm text-slate-500">
          External id <span className="font-mono">{customer.externalId}</span> · pays in {customer.currency}
        </p>
      </div>
      <SubscriptionPanel
        customerId={customer.id}
        currency={customer.currency}
        subscriptions={subscriptions}
        versions={versions}
      />
      <CollectionTermsForm
        customerId={customer.id}
        netTermsDays={billing.netTermsDays}
        dunningEnabled={billing.dunningEnabled}
        creditNoteSettlement={billing.creditNoteSettlement}
        action={saveCollectionTermsAction}
      />
      <CustomerSpendPanel
        admin={admin}
        customerId={customer.id}
        currency={parseCurrency(customer.currency)}
      />
      <section className="space-y-3" data-testid="customer-limits">
        <h2 className="text-lg font-semibold">Spending limits</h2>
        <p className="text-sm text-slate-500">
          Your limits are the ceiling: the customer may set lower ones, never higher hard caps.
          {limits.activeAlerts.length > 0 && ` ${limits.activeAlerts.length} alert(s) active this period.`}
        </p>
        <LimitsPanel
          overview={limits}
          owner="admin"
          customerId={customer.id}
          actions={{ set: setAdminLimitAction, remove: removeAdminLimitAction }}
        />
      </section>
      <CustomerCreditsPanel
        admin={admin}
        customerId={customer.id}
        customerName={customer.name}
        actions={{ grantPromotional: grantPromotionalAction, adjust: adjustCreditsAction }}
      />
      <MembersPanel customerId={customer.id} members={members} actions={{ invite: inviteMemberAction, sendLink: sendMemberLinkAction }} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Duplicate conflicts</h2>
        <p className="text-sm text-slate-500">
          Events re-sent with an id already stored but different content: answered 202 duplicate with conflict: true and not stored (the
          first copy counts). Usually a client reusing ids.{" "}
          <Link href={`/admin/events?customer=${customer.id}`} className="text-indigo-700 hover:underline">Explore this customer&apos;s events</Link>
        </p>
        <DuplicateConflictsTable days={conflicts} showCustomer={false} />
      </section>
    </div>
  );
}
