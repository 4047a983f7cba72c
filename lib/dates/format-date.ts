/**
 * The one way the app writes a date or time for people: always in UTC, always in English, built from the
 * date's UTC fields (no Intl, no toLocale*String), so the server's render and the browser's hydration give
 * the same characters whatever the machine's locale, time zone or ICU version. tests/lint forbids the
 * alternatives outside this file.
 */
export type DateInput = Date | string | number;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const asDate = (d: DateInput): Date => (d instanceof Date ? d : new Date(d));
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "Jan 5, 2026" */
export function formatDay(d: DateInput): string {
  const t = asDate(d);
  return `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}, ${t.getUTCFullYear()}`;
}

/** "Jan 5" (chart axes, ranges within a year) */
export function formatDayMonth(d: DateInput): string {
  const t = asDate(d);
  return `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}`;
}

/** "Jan 2026"; short: "Jan 26" */
export function formatMonth(d: DateInput, opts: { shortYear?: boolean } = {}): string {
  const t = asDate(d);
  const year = opts.shortYear ? pad(t.getUTCFullYear() % 100) : String(t.getUTCFullYear());
  return `${MONTHS[t.getUTCMonth()]} ${year}`;
}

/** "14:03" (24-hour, UTC, no suffix: for axes where the page says UTC) */
export function formatClock(d: DateInput, opts: { seconds?: boolean } = {}): string {
  const t = asDate(d);
  const hm = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
  return opts.seconds ? `${hm}:${pad(t.getUTCSeconds())}` : hm;
}

/** "14:03:05 UTC" */
export function formatTime(d: DateInput): string {
  return `${formatClock(d, { seconds: true })} UTC`;
}

/** "Jan 5, 14:00" (chart buckets across days; the page says UTC) */
export function formatDayClock(d: DateInput): string {
  return `${formatDayMonth(d)}, ${formatClock(d)}`;
}

/** "Jan 5, 2026, 14:03 UTC" */
export function formatDateTime(d: DateInput, opts: { seconds?: boolean } = {}): string {
  return `${formatDay(d)}, ${formatClock(d, opts)} UTC`;
}

/** "2026-01-05 14:03 UTC" (logs and admin tables, sortable by eye) */
export function formatTimestamp(d: DateInput, opts: { seconds?: boolean } = {}): string {
  const t = asDate(d);
  const day = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  return `${day} ${formatClock(t, opts)} UTC`;
}
