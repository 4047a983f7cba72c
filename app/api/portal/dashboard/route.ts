import { dashboardSummary } from "@/lib/dashboard/dashboard-summary";
import { memberCustomerId } from "@/lib/http/member-customer-id";
import { sessionRoute } from "@/lib/http/session-route";

export const dynamic = "force-dynamic";

/** The signed-in member's dashboard figures (the page polls it: new usage shows within seconds). */
export const GET = sessionRoute(async (_req, user) =>
  Response.json(await dashboardSummary(user, memberCustomerId(user, "a dashboard"))),
);
