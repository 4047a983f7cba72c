import "server-only";
import { problemsByField } from "@/lib/errors/problems-by-field";
import { toAppError } from "@/lib/errors/to-app-error";

/**
 * The state a public form (no one signed in: forgot password, reset, accept an invitation) shows for an
 * error: the fields' problems, or what went wrong. Anything but a domain error is thrown on.
 */
export function publicFormFailure(e: unknown): { error: string; fields: Record<string, string> } {
  const known = toAppError(e);
  if (!known) throw e;
  const fields = problemsByField(known.problems);
  return { error: Object.keys(fields).length > 0 ? "Fix the highlighted fields." : known.message, fields };
}
