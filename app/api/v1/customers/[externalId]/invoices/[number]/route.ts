import { apiKeyRoute } from "@/lib/http/api-route";
import { findCustomerForActor } from "@/lib/customers/find-customer-for-actor";
import { getInvoice } from "@/lib/billing/get-invoice";

export const dynamic = "force-dynamic";

/** One invoice of the customer with its lines, by number (MTR-2026-000042) or id (drafts). A key limited to another customer gets 403. */
export const GET = apiKeyRoute<{ externalId: string; number: string }>(async (_req, actor, { params }) => {
  const { externalId, number } = await params;
  const customer = await findCustomerForActor(actor, externalId);
  const { customer: _c, ...invoice } = await getInvoice(actor, customer.id, number);
  return Response.json({ customer: customer.externalId, ...invoice });
});
