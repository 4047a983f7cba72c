import { isAppError } from "@/lib/errors/app-error";

/** Maps any thrown value to a JSON response; unknown errors are logged and answered 500. */
export function errorResponse(e: unknown): Response {
  if (isAppError(e)) return Response.json(e.toJSON(), { status: e.status });
  console.error("unhandled error in route:", e);
  return Response.json({ error: { code: "INTERNAL", message: "Internal server error" } }, { status: 500 });
}
