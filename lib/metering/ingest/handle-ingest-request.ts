import "server-only";
import { assertKeyScope } from "@/lib/api-keys/assert-key-scope";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { errorReply, type JsonReply } from "@/lib/http/error-response";
import { limitApiKey } from "@/lib/security/rate-limits/limit-api-key";
import { parseJsonText } from "@/lib/http/read-json-body";
import { eventsReply } from "./events-reply";
import { ingestEvents } from "./ingest-events";
import { parseEventsBody } from "./parse-events-body";
import { bodyFormat, parseCloudEventsBody, renameProblemFields, type BodyFormat } from "./parse-cloud-events-body";

/**
 * `POST /api/v1/events` once its body has been read: authenticates the API key, parses the body (one
 * event or a batch; our JSON, or CloudEvents when the Content-Type says so), stores the valid events
 * (ingestEvents) and answers with each event's outcome. Never throws: every failure is answered as JSON
 * with its status. Runs in the ingest worker thread (lib/metering/ingest-worker) or, outside the Next.js
 * server, in the caller's thread.
 */
export async function handleIngestRequest(authorization: string | null, bodyText: string, contentType: string | null = null): Promise<JsonReply> {
  let format: BodyFormat = "json";
  try {
    const actor = await authenticateApiKey(authorization);
    await limitApiKey(actor.apiKeyId);
    assertKeyScope(actor, "ingest"); // before the body: a read-only key learns nothing of how it is parsed
    format = bodyFormat(contentType);
    if (format === "json") {
      const { events, single } = parseEventsBody(parseJsonText(bodyText));
      return eventsReply(await ingestEvents(actor, events), single);
    }
    const { events, single } = parseCloudEventsBody(parseJsonText(bodyText), format);
    return renameProblemFields(eventsReply(await ingestEvents(actor, events), single));
  } catch (e) {
    return format === "json" ? errorReply(e) : renameProblemFields(errorReply(e));
  }
}
