import { sessionRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors/app-error";
import { loadUsageSummary } from "@/lib/period-charges/load-usage-summary";

export const dynamic = "force-dynamic";

/** The signed-in member's own plan and running charges (the Plan page refreshes from here). */
export const GET = sessionRoute(async (_req, user) => {
  if (!user.customerId) throw new AppError("NOT_FOUND", "Only customer members have a plan");
  return Response.json(await loadUsageSummary(user, user.customerId));
});
