import { formatTimestamp } from "@/lib/dates/format-date";

const UNITS: [number, string][] = [
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
];

/** "3 hours ago" from `now` (the server's render time; this is a server component, so nothing to hydrate). */
export function relativeTime(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  if (ms < 60_000) return "just now";
  for (const [size, unit] of UNITS) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
  }
  return "just now";
}

/** When a key was last used: relative, with the exact UTC time beside it (and in the tooltip). */
export function LastUsed({ at, now }: { at: Date | null; now: Date }) {
  if (!at) return <span className="text-slate-500">never</span>;
  const exact = formatTimestamp(at, { seconds: true });
  return (
    <time dateTime={at.toISOString()} title={exact}>
      {relativeTime(at, now)}
      <span className="block text-xs text-slate-500">{exact}</span>
    </time>
  );
}
