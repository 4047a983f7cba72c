import { sessionRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors/app-error";
import { listLedgerEntries } from "@/lib/ledger/list-ledger-entries";

export const dynamic = "force-dynamic";

/** The signed-in member's credit history, newest first; `before` continues from a page's nextBefore. */
export const GET = sessionRoute(async (req, user) => {
  if (!user.customerId) throw new AppError("NOT_FOUND", "Only customer members have credits");
  const before = new URL(req.url).searchParams.get("before");
  return Response.json(await listLedgerEntries(user, user.customerId, { before }));
});
