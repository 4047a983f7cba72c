import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createMeter } from "@/lib/metering/meters/create-meter";
import { listMeters } from "@/lib/metering/meters/list-meters";
import { meterJson } from "@/lib/metering/meters/meter-json";

export const dynamic = "force-dynamic";

/** Admin: every meter (`?archived=false` leaves archived ones out). */
export const GET = sessionRoute(async (req, user) => {
  const includeArchived = new URL(req.url).searchParams.get("archived") !== "false";
  const meters = await listMeters(user, { includeArchived });
  return Response.json({ meters: meters.map((m) => ({ ...meterJson(m), inUse: m.inUse })) });
});

/** Admin: creates a meter (201). */
export const POST = sessionRoute(async (req, user) => {
  const meter = await createMeter(user, await readJsonBody(req));
  return Response.json(meterJson(meter), { status: 201 });
});
