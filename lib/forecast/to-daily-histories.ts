import type Decimal from "decimal.js";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import type { DailyHistory } from "./project-meter-units";

const DAY = 86_400_000;

/**
 * Each meter's whole UTC days of usage before `today` (a UTC midnight), from hourly rows: the history
 * starts on the first day any of the meters was used (days before a customer's first usage are not
 * quiet days, they are no history), so every meter's totals cover the same days, zeros included.
 */
export function toDailyHistories(
  rows: readonly { meterId: string; bucket: Date; value: string }[],
  meterIds: readonly string[],
  today: Date,
): Map<string, DailyHistory> {
  const end = today.getTime();
  const used = rows.filter((r) => r.bucket.getTime() < end);
  const first = used.reduce((min, r) => Math.min(min, Math.floor(r.bucket.getTime() / DAY) * DAY), end);
  const days = Math.round((end - first) / DAY);
  const totals = new Map<string, Decimal[]>(
    meterIds.map((id) => [id, Array.from({ length: days }, () => ZERO)]),
  );
  for (const r of used) {
    const list = totals.get(r.meterId);
    if (!list) continue;
    const i = Math.floor((r.bucket.getTime() - first) / DAY);
    list[i] = list[i].plus(new MoneyDecimal(r.value));
  }
  return new Map([...totals].map(([id, t]) => [id, { firstDay: new Date(first), totals: t }]));
}
