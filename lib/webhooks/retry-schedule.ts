/**
 * The Standard Webhooks retry schedule: the delay before attempt n+1 once attempt n failed (attempt 1 is
 * immediate). Ten attempts over about three days; after the tenth the delivery has failed.
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 14 * 3_600_000, 20 * 3_600_000, 24 * 3_600_000] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The longest Retry-After honoured: a longer one is cut to a day, the schedule's longest step. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * When to try again after failed attempt `attempt` (1-based), or null when it was the last: the schedule's
 * delay with up to ±10% jitter (`random` in [0, 1)), and never sooner than the endpoint's Retry-After.
 */
export function nextAttemptAt(now: Date, attempt: number, opts: { retryAfterMs?: number | null; random?: number } = {}): Date | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[attempt - 1];
  const jittered = Math.round(base * (0.9 + 0.2 * (opts.random ?? Math.random())));
  const retryAfter = Math.min(opts.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return new Date(now.getTime() + Math.max(jittered, retryAfter));
}

/** A Retry-After header as milliseconds from `now`: delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
