import { apiKeyRoute } from "@/lib/http/api-route";
import { findCustomerForActor } from "@/lib/customers/find-customer-for-actor";
import { AppError } from "@/lib/errors/app-error";
import { forecastForCustomer } from "@/lib/forecast/forecast-for-customer";

export const dynamic = "force-dynamic";

/**
 * The current period's spend so far, its projected end-of-period total with a low–high band, each meter's
 * projected units and amount, and the usage spikes of the last 7 days; 404 when the customer has no
 * subscription in force. A key limited to another customer gets 403.
 */
export const GET = apiKeyRoute<{ externalId: string }>(async (_req, actor, { params }) => {
  const customer = await findCustomerForActor(actor, (await params).externalId);
  const forecast = await forecastForCustomer(actor, customer.id);
  if (!forecast) {
    throw new AppError(
      "NOT_FOUND",
      "No subscription in force, so no period to forecast: one starts when a plan is assigned",
    );
  }
  return Response.json({ customer: customer.externalId, ...forecast });
});
