import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { quotePlanVersion } from "@/lib/plans/quote-plan-version";

export const dynamic = "force-dynamic";

/** Admin price calculator: `{ quantities: { <meterId>: "1500000" } }` → each line with its tier breakdown, and the total. */
export const POST = sessionRoute<{ versionId: string }>(async (req, user, { params }) => Response.json(await quotePlanVersion(user, (await params).versionId, await readJsonBody(req))));
