/** The portal's range choices, in UTC days (usage buckets are UTC hours). Pure: used by pages and client components. */
export const RANGE_PRESETS = ["today", "7d", "month", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABELS: Record<RangePreset, string> = { today: "Today", "7d": "Last 7 days", month: "This month", custom: "Custom" };

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * [from, to) for a preset, whole UTC days: today; the last 7 days including today; this calendar month.
 * Custom takes two dates (YYYY-MM-DD), `to` included. Null when a custom date is missing or malformed.
 */
export function usageRange(preset: RangePreset, now: Date, custom?: { from: string; to: string }): { from: string; to: string } | null {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (preset === "today") return span(today, today + DAY_MS);
  if (preset === "7d") return span(today - 6 * DAY_MS, today + DAY_MS);
  if (preset === "month") return span(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1), Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  if (!custom || !DATE.test(custom.from) || !DATE.test(custom.to)) return null;
  const from = Date.parse(`${custom.from}T00:00:00Z`);
  const to = Date.parse(`${custom.to}T00:00:00Z`) + DAY_MS;
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return span(from, to);
}

function span(from: number, to: number) {
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** `1234567.5` -> `1,234,567.5`, on the decimal text (no float rounding). */
export function groupDigits(decimal: string): string {
  const negative = decimal.startsWith("-");
  const [int, frac] = (negative ? decimal.slice(1) : decimal).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}
