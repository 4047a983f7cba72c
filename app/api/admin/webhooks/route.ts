import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";

export const dynamic = "force-dynamic";

/** Admin: the webhook endpoints (never their secrets). */
export const GET = sessionRoute(async (_req, user) => Response.json({ endpoints: await listWebhookEndpoints(user) }));

/** Admin: adds an endpoint (201); the answer holds its signing secret, the only time it is shown. */
export const POST = sessionRoute(async (req, user) => Response.json(await createWebhookEndpoint(user, await readJsonBody(req)), { status: 201 }));
