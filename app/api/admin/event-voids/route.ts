import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { voidEvents } from "@/lib/metering/voids/void-events";

export const dynamic = "force-dynamic";

/**
 * Admin: voids usage events with a reason, by `{ customer, eventId, reason }` or by
 * `{ customer, eventType, from, to, property?: { name, value }, reason }`. Rollups follow in the same transaction.
 */
export const POST = sessionRoute(async (req, user) => {
  const result = await voidEvents(user, await readJsonBody(req));
  return Response.json(result);
});
