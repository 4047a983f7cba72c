import { shortDate } from "@/lib/billing/short-date";

/** "Jan 5, 2026 – Feb 5, 2026": an invoice's period (its end is exclusive; shown as the day it ends). */
export function periodText(period: { start: string; end: string }): string {
  return `${shortDate(new Date(period.start))} – ${shortDate(new Date(period.end))}`;
}
