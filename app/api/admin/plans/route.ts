import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { createPlan } from "@/lib/plans/create-plan";
import { listPlans } from "@/lib/plans/list-plans";

export const dynamic = "force-dynamic";

/** Admin: every plan with its versions. */
export const GET = sessionRoute(async (_req, user) => Response.json({ plans: await listPlans(user) }));

/** Admin: creates a plan with an empty draft version 1 (201). */
export const POST = sessionRoute(async (req, user) => Response.json(await createPlan(user, await readJsonBody(req)), { status: 201 }));
