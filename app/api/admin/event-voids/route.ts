import { correctAfterVoid } from "@/lib/billing/corrections/correct-after-void";
import { resolveAlertsAfterVoid } from "@/lib/limits/resolve-after-void";
import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { voidEvents } from "@/lib/metering/voids/void-events";

export const dynamic = "force-dynamic";

/**
 * Admin: voids usage events with a reason, by `{ customer, eventId, reason }` or by
 * `{ customer, eventType, from, to, property?: { name, value }, reason }`. Rollups follow in the same transaction;
 * then the customer's finalized invoices get their credit notes, and its alerts that usage fell back under
 * are resolved, at once.
 */
export const POST = sessionRoute(async (req, user) => {
  const result = await voidEvents(user, await readJsonBody(req));
  await correctAfterVoid(result.customer, result.voided);
  await resolveAlertsAfterVoid(result.customer, result.voided);
  return Response.json(result);
});
