import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { minorToNumber } from "@/lib/money/minor-number";
import { changeSubscription } from "@/lib/subscriptions/change-subscription";

export const dynamic = "force-dynamic";

/** Admin: `{ planVersionId, timing: "now" | "period_end" }`; "now" answers the base-fee proration in minor units. */
export const POST = sessionRoute<{ customerId: string }>(async (req, user, { params }) => {
  const r = await changeSubscription(user, (await params).customerId, await readJsonBody(req));
  const p = r.proration;
  return Response.json({
    subscriptionId: r.subscriptionId,
    startsAt: r.startsAt.toISOString(),
    proration: p && { ...p, creditMinor: minorToNumber(p.creditMinor), chargeMinor: minorToNumber(p.chargeMinor), netMinor: minorToNumber(p.netMinor) },
  });
});
