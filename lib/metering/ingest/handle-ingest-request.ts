import "server-only";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { errorReply, type JsonReply } from "@/lib/http/error-response";
import { parseJsonText } from "@/lib/http/read-json-body";
import { eventsReply } from "./events-reply";
import { ingestEvents } from "./ingest-events";
import { parseEventsBody } from "./parse-events-body";

/**
 * `POST /api/v1/events` once its body has been read: authenticates the API key, parses the body (one
 * event or a batch), stores the valid events (ingestEvents) and answers with each event's outcome.
 * Never throws: every failure is answered as JSON with its status. Runs in the ingest worker thread
 * (lib/metering/ingest-worker) or, outside the Next.js server, in the caller's thread.
 */
export async function handleIngestRequest(authorization: string | null, bodyText: string): Promise<JsonReply> {
  try {
    const actor = await authenticateApiKey(authorization);
    const { events, single } = parseEventsBody(parseJsonText(bodyText));
    return eventsReply(await ingestEvents(actor, events), single);
  } catch (e) {
    return errorReply(e);
  }
}
