const DAY_MS = 86_400_000;

/**
 * When the charge after failed attempt `attempt` (1 = the charge at finalization) is retried: `retryDays`
 * days after the first attempt (default 1, 3, 5 and 7), or null when the retries are used up and the invoice
 * becomes uncollectible.
 */
export function nextRetryAt(
  firstAttemptAt: Date,
  attempt: number,
  retryDays: readonly number[],
): Date | null {
  const days = retryDays[attempt - 1];
  return days === undefined ? null : new Date(firstAttemptAt.getTime() + days * DAY_MS);
}
