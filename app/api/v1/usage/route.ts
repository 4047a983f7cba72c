import { apiKeyRoute } from "@/lib/http/api-route";
import { findCustomerForActor } from "@/lib/customers/find-customer-for-actor";
import { queryUsage } from "@/lib/metering/queries/query-usage";
import { customerParam, parseUsageQueryParams } from "@/lib/metering/queries/usage-query-params";

export const dynamic = "force-dynamic";

/** GET /api/v1/usage?customer=&meter=&from=&to=&granularity=hour|day|month&groupBy= : usage from rollups. */
export const GET = apiKeyRoute(async (req, actor) => {
  const search = new URL(req.url).searchParams;
  const externalId = customerParam(search);
  const params = parseUsageQueryParams(search);
  const customer = await findCustomerForActor(actor, externalId);
  const usage = await queryUsage(actor, { customerId: customer.id, meterKey: params.meter, from: params.from, to: params.to, granularity: params.granularity, groupBy: params.groupBy });
  return Response.json({ customer: customer.externalId, ...usage });
});
