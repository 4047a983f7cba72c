import { formatDay } from "@/lib/dates/format-date";

/** "Jan 5, 2026 – Feb 5, 2026": an invoice's period (its end is exclusive; shown as the day it ends). */
export function periodText(period: { start: string; end: string }): string {
  return `${formatDay(new Date(period.start))} – ${formatDay(new Date(period.end))}`;
}
