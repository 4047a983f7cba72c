/** A value's progress toward a limit, with a tick at each threshold; red past a hard cap's last threshold. */
export function LimitBar({
  value,
  limit,
  thresholds,
  hardCap,
  label = "Progress toward the limit",
}: {
  value: number;
  limit: number;
  thresholds: number[];
  hardCap: boolean;
  label?: string;
}) {
  const pct = limit > 0 ? (value / limit) * 100 : 0;
  const scale = Math.max(100, ...thresholds, Math.min(pct, 1000));
  const color =
    pct >= 100
      ? hardCap
        ? "bg-red-600"
        : "bg-amber-500"
      : pct >= (thresholds[0] ?? 100)
        ? "bg-amber-400"
        : "bg-indigo-500";
  return (
    <div
      className="relative h-3 w-full rounded-full bg-slate-100"
      role="progressbar"
      aria-label={label}
      aria-valuenow={Math.round(pct)}
      aria-valuemin={0}
      aria-valuemax={Math.max(100, Math.round(pct))}
      aria-valuetext={`${Math.round(pct)}% of the limit`}
    >
      <div
        className={`h-3 rounded-full ${color}`}
        style={{ width: `${Math.min(100, (pct / scale) * 100)}%` }}
      />
      {thresholds.map((t) => (
        <div
          key={t}
          className="absolute top-0 h-3 w-px bg-slate-500"
          style={{ left: `${(t / scale) * 100}%` }}
          title={`${t}%`}
        />
      ))}
    </div>
  );
}
