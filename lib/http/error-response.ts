import { toAppError } from "@/lib/errors/to-app-error";
import { retryAfterHeaders } from "@/lib/security/rate-limits/retry-after";

/** A JSON answer before it becomes a Response (the ingest worker sends it back to the route as text). */
export type JsonReply = { status: number; body: unknown };

/** Maps any thrown value to a JSON response; unknown errors are logged and answered 500. */
export function errorResponse(e: unknown): Response {
  const reply = errorReply(e);
  return Response.json(reply.body, { status: reply.status, headers: retryAfterHeaders(reply.status, reply.body) });
}

/** errorResponse's status and body; a ZodError is a 422 naming its fields. */
export function errorReply(e: unknown): JsonReply {
  const known = toAppError(e);
  if (known) return { status: known.status, body: known.toJSON() };
  console.error("unhandled error in route:", e);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Internal server error" } } };
}
