import { apiKeyRoute } from "@/lib/http/api-route";
import { findCustomerForActor } from "@/lib/customers/find-customer-for-actor";
import { loadUsageSummary } from "@/lib/period-charges/load-usage-summary";

export const dynamic = "force-dynamic";

/**
 * The customer's plan, prices and this period's running charges, as the portal's Plan page shows them:
 * amounts as integer minor units with the currency and formatted text. A key limited to another
 * customer gets 403.
 */
export const GET = apiKeyRoute<{ externalId: string }>(async (_req, actor, { params }) => {
  const customer = await findCustomerForActor(actor, (await params).externalId);
  return Response.json(await loadUsageSummary(actor, customer.id));
});
