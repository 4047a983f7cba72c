import "server-only";
import { errorResponse } from "@/lib/http/error-response";
import { readBodyText } from "@/lib/http/read-json-body";
import { handleIngestRequest } from "@/lib/metering/ingest/handle-ingest-request";
import { IngestWorkerDidNotStart, ingestInWorker, ingestWorkerEnabled } from "./ingest-worker-client";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * `POST /api/v1/events`: reads the body (413 over 1 MB) and hands it, with the Authorization header, to
 * the ingest worker thread, which answers with the status and JSON of handleIngestRequest. Next.js's
 * thread only moves bytes; the work of ingestion runs on the worker's. Outside the Next.js server (tests,
 * INGEST_WORKER=off), or if the worker cannot start, handleIngestRequest runs here: same answers.
 */
export async function postEvents(req: Request): Promise<Response> {
  let body: string;
  try {
    body = await readBodyText(req);
  } catch (e) {
    return errorResponse(e);
  }
  const authorization = req.headers.get("authorization");
  if (ingestWorkerEnabled()) {
    try {
      const { status, text } = await ingestInWorker(authorization, body);
      return new Response(text, { status, headers: JSON_HEADERS });
    } catch (e) {
      if (!(e instanceof IngestWorkerDidNotStart)) return errorResponse(e);
    }
  }
  const reply = await handleIngestRequest(authorization, body);
  return Response.json(reply.body, { status: reply.status });
}
