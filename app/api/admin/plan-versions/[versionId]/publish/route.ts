import { sessionRoute } from "@/lib/http/session-route";
import { publishPlanVersion } from "@/lib/plans/publish-plan-version";

export const dynamic = "force-dynamic";

/** Admin: publishes a draft; 409 if it already is published. */
export const POST = sessionRoute<{ versionId: string }>(async (_req, user, { params }) => Response.json(await publishPlanVersion(user, (await params).versionId)));
