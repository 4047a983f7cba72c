import { apiKeyRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json-body";
import { ingestEvents } from "@/lib/metering/ingest-events";
import { parseEventsBody } from "@/lib/metering/parse-events-body";
import { eventsResponse } from "@/lib/metering/events-response";

export const POST = apiKeyRoute(async (req, actor) => {
  const { events, single } = parseEventsBody(await readJsonBody(req));
  const result = await ingestEvents(actor, events);
  return eventsResponse(result, single);
});
