import { apiKeyRoute } from "@/lib/http/api-route";
import { findCustomerForActor } from "@/lib/customers/find-customer-for-actor";
import { getCreditSummary } from "@/lib/ledger/get-credit-summary";

export const dynamic = "force-dynamic";

/**
 * The customer's credit balance and open grants, for apps that check before sending prepaid usage (a
 * prepaid customer's events beyond the balance are refused with 402). A key limited to another customer gets 403.
 */
export const GET = apiKeyRoute<{ externalId: string }>(async (_req, actor, { params }) => {
  const customer = await findCustomerForActor(actor, (await params).externalId);
  const { balance, grants, currency, asOf } = await getCreditSummary(actor, customer.id);
  return Response.json({ customer: customer.externalId, currency, balance, grants, asOf });
});
