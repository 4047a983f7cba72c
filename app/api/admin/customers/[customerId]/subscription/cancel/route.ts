import { sessionRoute } from "@/lib/http/session-route";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";

export const dynamic = "force-dynamic";

/** Admin: cancels the customer's subscription at the end of its current period. */
export const POST = sessionRoute<{ customerId: string }>(async (_req, user, { params }) => {
  const r = await cancelSubscription(user, (await params).customerId);
  return Response.json({ subscriptionId: r.subscriptionId, endsAt: r.endsAt.toISOString() });
});
