import "server-only";
import { errorReply, type JsonReply } from "@/lib/http/error-response";
import { handleIngestRequest } from "@/lib/metering/ingest/handle-ingest-request";
import { IngestWorkerDidNotStart, ingestInWorker, ingestWorkerEnabled } from "./ingest-worker-client";

/**
 * An events body answered as `POST /api/v1/events` answers it (by the ingest worker when it runs, else
 * here), as status and JSON, for routes that speak another format outside (Stripe's meter events).
 */
export async function ingestBody(authorization: string | null, body: string, contentType: string | null): Promise<JsonReply> {
  if (ingestWorkerEnabled()) {
    try {
      const { status, text } = await ingestInWorker(authorization, body, contentType);
      return { status, body: JSON.parse(text) };
    } catch (e) {
      if (!(e instanceof IngestWorkerDidNotStart)) return errorReply(e);
    }
  }
  return handleIngestRequest(authorization, body, contentType);
}
