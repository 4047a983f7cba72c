import { isAppError } from "@/lib/errors/app-error";

/** A JSON answer before it becomes a Response (the ingest worker sends it back to the route as text). */
export type JsonReply = { status: number; body: unknown };

/** Maps any thrown value to a JSON response; unknown errors are logged and answered 500. */
export function errorResponse(e: unknown): Response {
  const reply = errorReply(e);
  return Response.json(reply.body, { status: reply.status });
}

/** errorResponse's status and body. */
export function errorReply(e: unknown): JsonReply {
  if (isAppError(e)) return { status: e.status, body: e.toJSON() };
  console.error("unhandled error in route:", e);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Internal server error" } } };
}
