import { sessionRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors/app-error";
import { getCreditSummary } from "@/lib/ledger/get-credit-summary";

export const dynamic = "force-dynamic";

/** The signed-in member's credit balance, grants, recent purchases and auto-recharge (polled by the Credits page). */
export const GET = sessionRoute(async (_req, user) => {
  if (!user.customerId) throw new AppError("NOT_FOUND", "Only customer members have credits");
  return Response.json(await getCreditSummary(user, user.customerId));
});
