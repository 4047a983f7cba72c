import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getMeter } from "@/lib/metering/meters/get-meter";
import { meterJson } from "@/lib/metering/meters/meter-json";
import { updateMeter } from "@/lib/metering/meters/update-meter";

export const dynamic = "force-dynamic";

export const GET = sessionRoute<{ id: string }>(async (_req, user, ctx) => {
  const meter = await getMeter(user, (await ctx.params).id);
  return Response.json({ ...meterJson(meter), inUse: meter.inUse });
});

/** Admin: changes the fields given. A meter in use keeps its definition (422: archive it and create a new one). */
export const PATCH = sessionRoute<{ id: string }>(async (req, user, ctx) => {
  const meter = await updateMeter(user, (await ctx.params).id, await readJsonBody(req));
  return Response.json(meterJson(meter));
});
