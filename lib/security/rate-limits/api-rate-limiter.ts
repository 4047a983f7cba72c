import { BurstyRateLimiter, RateLimiterMemory } from "rate-limiter-flexible";
import { securityEnv } from "../security-env";

/** The burst allowance is counted over windows of this many seconds. */
export const BURST_WINDOW_SECONDS = 10;

/**
 * Per-key request limiter of this process (in memory: no database round trip on the hot path): up to
 * `perSecond` requests in each second, and up to `burst` more in each 10-second window. Null when off.
 */
export function createApiRateLimiter(opts: { perSecond: number; burst: number }): BurstyRateLimiter | null {
  if (opts.perSecond <= 0) return null;
  return new BurstyRateLimiter(
    new RateLimiterMemory({ keyPrefix: "api", points: opts.perSecond, duration: 1 }),
    new RateLimiterMemory({ keyPrefix: "api-burst", points: Math.max(opts.burst, 0), duration: BURST_WINDOW_SECONDS }),
  );
}

let shared: BurstyRateLimiter | null | undefined;

/** The process's limiter, from API_RATE_LIMIT_PER_SECOND and API_RATE_LIMIT_BURST. */
export function apiRateLimiter(): BurstyRateLimiter | null {
  if (shared === undefined) {
    const env = securityEnv();
    shared = createApiRateLimiter({ perSecond: env.API_RATE_LIMIT_PER_SECOND, burst: env.API_RATE_LIMIT_BURST });
  }
  return shared;
}
