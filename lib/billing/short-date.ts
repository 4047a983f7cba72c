const FORMAT = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "Jan 5, 2026" (UTC): how invoice lines and pages name a day. */
export function shortDate(d: Date): string {
  return FORMAT.format(d);
}
