import { z } from "zod";
import { sessionRoute } from "@/lib/http/session-route";
import { createDraftVersion } from "@/lib/plans/create-draft-version";
import { readJsonBody } from "@/lib/http/read-json-body";

export const dynamic = "force-dynamic";

const body = z.object({ fromVersionId: z.string().nullish() }).catch({});

/** Admin: `{ fromVersionId? }` starts the next version as a draft, a copy of that or the newest version (201; 409 if a draft exists). */
export const POST = sessionRoute<{ planId: string }>(async (req, user, { params }) => {
  const { fromVersionId } = body.parse(await readJsonBody(req));
  return Response.json(await createDraftVersion(user, (await params).planId, { fromVersionId: fromVersionId ?? null }), { status: 201 });
});
