import "server-only";

/** What came back from one attempt: the status (null when there was no answer), timing and the first 2 KB. */
export type PostResult = { statusCode: number | null; latencyMs: number; body: string; error: string | null; retryAfter: string | null };

export const RESPONSE_LOG_BYTES = 2048;
export const TIMEOUT_MS = 15_000;

/**
 * POSTs a signed event body. Redirects are not followed (a 3xx is a failure: the endpoint must be the URL
 * itself); the answer is read up to 2 KB and the rest dropped; no answer within `timeoutMs` is a failure.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs = TIMEOUT_MS): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Meterly-Webhooks/1.0", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await readStart(res);
    return { statusCode: res.status, latencyMs: elapsed(), body: text, error: null, retryAfter: res.headers.get("retry-after") };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : "";
    const error = timedOut ? `No answer within ${timeoutMs / 1000} s` : `${e instanceof Error ? e.message : String(e)}${cause}`;
    return { statusCode: null, latencyMs: elapsed(), body: "", error, retryAfter: null };
  }
}

async function readStart(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_LOG_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still logs what arrived.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_LOG_BYTES).toString("utf8");
}
