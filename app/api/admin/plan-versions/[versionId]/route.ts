import { sessionRoute } from "@/lib/http/session-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { deleteDraftVersion } from "@/lib/plans/delete-draft-version";
import { getPlanVersion } from "@/lib/plans/get-plan-version";
import { updateDraftVersion } from "@/lib/plans/update-draft-version";

export const dynamic = "force-dynamic";

type P = { versionId: string };

/** Admin: one version with its prices. */
export const GET = sessionRoute<P>(async (_req, user, { params }) => Response.json(await getPlanVersion(user, (await params).versionId)));

/** Admin: replaces a draft's content; 409 for a published version, 422 with field problems for bad input. */
export const PUT = sessionRoute<P>(async (req, user, { params }) => Response.json(await updateDraftVersion(user, (await params).versionId, await readJsonBody(req))));

/** Admin: discards a draft (204); 409 for a published version. */
export const DELETE = sessionRoute<P>(async (_req, user, { params }) => {
  await deleteDraftVersion(user, (await params).versionId);
  return new Response(null, { status: 204 });
});
