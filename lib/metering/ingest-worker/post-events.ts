import "server-only";
import { errorResponse } from "@/lib/http/error-response";
import { readBodyText } from "@/lib/http/read-json-body";
import { isBinaryCloudEvent, structuredFromBinary } from "@/lib/metering/ingest/cloud-event-binary";
import { handleIngestRequest } from "@/lib/metering/ingest/handle-ingest-request";
import { retryAfterHeaders } from "@/lib/security/rate-limits/retry-after";
import { IngestWorkerDidNotStart, ingestInWorker, ingestWorkerEnabled } from "./ingest-worker-client";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * `POST /api/v1/events`: reads the body (413 over 1 MB) and hands it, with the Authorization and
 * Content-Type headers (a binary-mode CloudEvent's `ce-*` headers made structured first), to the ingest
 * worker thread, which answers with the status and JSON of handleIngestRequest. Next.js's
 * thread only moves bytes; the work of ingestion runs on the worker's. Outside the Next.js server (tests,
 * INGEST_WORKER=off), or if the worker cannot start, handleIngestRequest runs here: same answers.
 */
export async function postEvents(req: Request): Promise<Response> {
  let body: string;
  let contentType = req.headers.get("content-type");
  try {
    body = await readBodyText(req);
    if (isBinaryCloudEvent(req.headers)) ({ body, contentType } = structuredFromBinary(req.headers, body));
  } catch (e) {
    return errorResponse(e);
  }
  const authorization = req.headers.get("authorization");
  if (ingestWorkerEnabled()) {
    try {
      const { status, text } = await ingestInWorker(authorization, body, contentType);
      return new Response(text, { status, headers: status === 429 ? { ...JSON_HEADERS, ...retryAfterHeaders(status, JSON.parse(text)) } : JSON_HEADERS });
    } catch (e) {
      if (!(e instanceof IngestWorkerDidNotStart)) return errorResponse(e);
    }
  }
  const reply = await handleIngestRequest(authorization, body, contentType);
  return Response.json(reply.body, { status: reply.status, headers: retryAfterHeaders(reply.status, reply.body) });
}
