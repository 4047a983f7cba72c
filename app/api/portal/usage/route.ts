import { sessionRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors/app-error";
import { queryUsage } from "@/lib/metering/queries/query-usage";
import { parseUsageQueryParams } from "@/lib/metering/queries/usage-query-params";

export const dynamic = "force-dynamic";

/** The signed-in member's own usage; the customer comes from the session, never from the query. */
export const GET = sessionRoute(async (req, user) => {
  if (!user.customerId) throw new AppError("NOT_FOUND", "Only customer members have usage");
  const params = parseUsageQueryParams(new URL(req.url).searchParams);
  const usage = await queryUsage(user, { customerId: user.customerId, meterKey: params.meter, from: params.from, to: params.to, granularity: params.granularity, groupBy: params.groupBy });
  return Response.json(usage);
});
