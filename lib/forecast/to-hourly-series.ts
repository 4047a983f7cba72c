const HOUR = 3_600_000;

/**
 * One meter's usage per hour from `start` (an hour boundary) for `hours` hours, as numbers for the spike
 * statistics (0 for hours without a row).
 */
export function toHourlySeries(
  rows: readonly { meterId: string; bucket: Date; value: string }[],
  meterId: string,
  start: Date,
  hours: number,
): number[] {
  const series = new Array<number>(hours).fill(0);
  for (const r of rows) {
    if (r.meterId !== meterId) continue;
    const i = Math.floor((r.bucket.getTime() - start.getTime()) / HOUR);
    if (i >= 0 && i < hours) series[i] += Number(r.value);
  }
  return series;
}
