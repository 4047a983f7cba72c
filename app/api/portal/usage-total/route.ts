import { sessionRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors/app-error";
import { meterUsageTotal } from "@/lib/metering/queries/meter-usage-total";
import { currentMonthUtc } from "@/lib/metering/queries/period-bounds";

export const dynamic = "force-dynamic";

/** The signed-in member's own usage total for a meter this month. */
export const GET = sessionRoute(async (req, user) => {
  const meterKey = new URL(req.url).searchParams.get("meter");
  if (!meterKey) throw new AppError("UNPROCESSABLE", "meter is required", { problems: [{ field: "meter", rule: "required", message: "meter is required" }] });
  if (!user.customerId) throw new AppError("NOT_FOUND", "Only customer members have usage");
  const total = await meterUsageTotal(user, { customerId: user.customerId, meterKey, ...currentMonthUtc() });
  if (!total) throw new AppError("NOT_FOUND", `No meter "${meterKey}"`);
  return Response.json(total);
});
