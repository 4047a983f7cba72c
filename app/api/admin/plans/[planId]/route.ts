import { sessionRoute } from "@/lib/http/session-route";
import { getPlan } from "@/lib/plans/get-plan";

export const dynamic = "force-dynamic";

/** Admin: a plan with every version and its prices. */
export const GET = sessionRoute<{ planId: string }>(async (_req, user, { params }) => Response.json(await getPlan(user, (await params).planId)));
