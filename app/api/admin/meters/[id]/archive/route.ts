import { sessionRoute } from "@/lib/http/session-route";
import { archiveMeter } from "@/lib/metering/meters/archive-meter";
import { meterJson } from "@/lib/metering/meters/meter-json";

export const dynamic = "force-dynamic";

/** Admin: archives a meter; it stops counting new events and its usage stays readable. */
export const POST = sessionRoute<{ id: string }>(async (_req, user, ctx) => {
  const meter = await archiveMeter(user, (await ctx.params).id);
  return Response.json(meterJson(meter));
});
