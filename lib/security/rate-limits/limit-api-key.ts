import { RateLimiterRes, type BurstyRateLimiter } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors/app-error";
import { apiRateLimiter } from "./api-rate-limiter";

/**
 * Counts one public API request for an API key; over the key's limit it throws a 429 RATE_LIMITED whose
 * body says when to try again (`retryAfterSeconds`, also sent as Retry-After). A batch of events is one
 * request. The count is this process's (README, Security): no database round trip per request.
 */
export async function limitApiKey(apiKeyId: string, limiter: BurstyRateLimiter | null = apiRateLimiter()): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(apiKeyId);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Too many requests for this API key; try again in ${retryAfterSeconds} s`, { details: { retryAfterSeconds } });
  }
}
