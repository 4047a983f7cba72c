/** A Retry-After header for a 429 answer whose JSON error carries `retryAfterSeconds` (limit-api-key.ts); none otherwise. */
export function retryAfterHeaders(status: number, body: unknown): Record<string, string> {
  if (status !== 429) return {};
  const seconds = (body as { error?: { retryAfterSeconds?: unknown } } | null)?.error?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? { "retry-after": String(Math.ceil(seconds)) } : {};
}
