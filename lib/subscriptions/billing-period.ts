/**
 * Billing periods, in UTC, repeating from a subscription's anchor (its start, or its trial's end).
 *
 * Period n starts at anchor + n intervals (1 month or 12 months) at the anchor's time of day. When the
 * anchor's day of month does not exist in a month, the period starts on that month's last day instead,
 * and returns to the anchor's day in the months that have it:
 *   anchor Jan 31 10:00 → Feb 28 10:00 (Feb 29 in a leap year) → Mar 31 10:00 → Apr 30 10:00 → May 31 10:00
 *   yearly anchor Feb 29 2028 → Feb 28 2029 → … → Feb 29 2032
 * Each period is computed from the anchor, never from the previous period, so a short month never
 * shifts the days that follow it. A period is [start, end): it holds its start and not its end.
 */
export type BillingInterval = "MONTH" | "YEAR";

export type BillingPeriod = { index: number; start: Date; end: Date };

const MONTHS_PER_INTERVAL: Record<BillingInterval, number> = { MONTH: 1, YEAR: 12 };

/** anchor + `months` months, the day clamped to the target month's last day; time of day kept. */
export function addMonthsClamped(anchor: Date, months: number): Date {
  const first = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() + months, 1));
  const year = first.getUTCFullYear();
  const month = first.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds()));
}

/** Start of period `index` (0 = the period that starts at the anchor). */
export function periodStart(anchor: Date, interval: BillingInterval, index: number): Date {
  return addMonthsClamped(anchor, index * MONTHS_PER_INTERVAL[interval]);
}

/** The period holding `at` (for `at` before the anchor, a negative index counting back from it). */
export function billingPeriodAt(anchor: Date, interval: BillingInterval, at: Date): BillingPeriod {
  const step = MONTHS_PER_INTERVAL[interval];
  const months = (at.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (at.getUTCMonth() - anchor.getUTCMonth());
  let index = Math.floor(months / step);
  while (periodStart(anchor, interval, index).getTime() > at.getTime()) index--;
  while (periodStart(anchor, interval, index + 1).getTime() <= at.getTime()) index++;
  return { index, start: periodStart(anchor, interval, index), end: periodStart(anchor, interval, index + 1) };
}
