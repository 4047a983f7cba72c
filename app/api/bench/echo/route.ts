import { errorResponse } from "@/lib/http/error-response";
import { readBodyText } from "@/lib/http/read-json-body";

/**
 * For `npm run bench:ingest`: what the framework costs a route that reads its body and answers with a
 * small JSON body, as `POST /api/v1/events` must, without ingesting anything. It reads the body the way
 * the events route does (readBodyText) and answers 202 with a one-event reply of the same shape. The
 * no-op route next to it reads nothing and answers nothing. Only with METERLY_BENCH=1; otherwise 404.
 */
export const dynamic = "force-dynamic";

const JSON_HEADERS = { "content-type": "application/json" };

export async function POST(req: Request): Promise<Response> {
  if (process.env.METERLY_BENCH !== "1") return new Response(null, { status: 404 });
  let body: string;
  try {
    body = await readBodyText(req);
  } catch (e) {
    return errorResponse(e);
  }
  return new Response(JSON.stringify({ id: `echo-${body.length}`, status: "accepted" }), { status: 202, headers: JSON_HEADERS });
}
