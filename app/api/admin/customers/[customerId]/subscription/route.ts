import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { assignSubscription } from "@/lib/subscriptions/assign-subscription";
import { getCustomerSubscriptions } from "@/lib/subscriptions/get-customer-subscriptions";

export const dynamic = "force-dynamic";

type P = { customerId: string };

/** Admin: the customer's subscriptions (scheduled, in force, past). */
export const GET = sessionRoute<P>(async (_req, user, { params }) => Response.json(await getCustomerSubscriptions(user, (await params).customerId)));

/** Admin: `{ planVersionId }` puts a customer without a subscription on a published version (201; 409 if subscribed). */
export const POST = sessionRoute<P>(async (req, user, { params }) => Response.json(await assignSubscription(user, (await params).customerId, await readJsonBody(req)), { status: 201 }));
