import { apiKeyRoute } from "@/lib/http/api-route";
import { findCustomerForActor } from "@/lib/customers/find-customer-for-actor";
import { requireUpcomingInvoice } from "@/lib/billing/require-upcoming-invoice";

export const dynamic = "force-dynamic";

/**
 * The invoice the current period would get if it ended now, composed as the billing close composes it;
 * 404 when the customer has no subscription in force. A key limited to another customer gets 403.
 */
export const GET = apiKeyRoute<{ externalId: string }>(async (_req, actor, { params }) => {
  const customer = await findCustomerForActor(actor, (await params).externalId);
  return Response.json({
    customer: customer.externalId,
    ...(await requireUpcomingInvoice(actor, customer.id)),
  });
});
