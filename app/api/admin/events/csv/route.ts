import { sessionRoute } from "@/lib/http/session-route";
import { searchParamsObject } from "@/lib/metering/queries/event-explorer-params";
import { streamEventsCsv } from "@/lib/metering/queries/stream-events-csv";

export const dynamic = "force-dynamic";

/** Admin: every event the explorer's filters select (the same query string), streamed as CSV, newest first. */
export const GET = sessionRoute(async (req, user) => {
  const stream = await streamEventsCsv(user, searchParamsObject(new URL(req.url).searchParams));
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="meterly-events.csv"`,
      "cache-control": "private, no-cache",
    },
  });
});
