"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/data/fetch-json";
import { dashboardKeys } from "@/components/data/query-keys";
import { LimitProgress } from "@/components/limits/limit-progress";
import { SpendChart } from "./spend-chart";
import type { DashboardSummary } from "@/lib/dashboard/dashboard-summary";
import { formatDayMonth } from "@/lib/dates/format-date";
import { UpdatedAt } from "@/components/ui/updated-at";

const card = "block rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-indigo-300";
const day = formatDayMonth;

/** The member's one-glance dashboard: each card links to its page; polls every 5 s so new usage shows at once. */
export function DashboardView({ initial }: { initial: DashboardSummary }) {
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: dashboardKeys.summary(),
    queryFn: () => fetchJson<DashboardSummary>("/api/portal/dashboard"),
    initialData: initial,
    refetchInterval: 5000,
  });
  const c = data.credits;
  const spendLimits = data.limits.find((s) => s.scope === "spend")?.limits ?? [];
  const budget = spendLimits.length ? Math.min(...spendLimits.map((l) => Number(l.amount))) : null;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 md:grid-cols-3">
        <Link href="/usage" className={card} data-testid="dash-spend">
          <h2 className="text-sm font-medium text-slate-500">Spent this period</h2>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{data.spendThisPeriod.formatted}</p>
          <p className="mt-1 text-xs text-slate-500">
            {data.period ? `${day(data.period.start)} – ${day(data.period.end)}` : "No plan yet"}
          </p>
        </Link>
        <Link href="/invoices" className={card} data-testid="dash-upcoming">
          <h2 className="text-sm font-medium text-slate-500">Upcoming invoice so far</h2>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{data.upcoming?.total.formatted ?? "—"}</p>
          <p className="mt-1 text-xs text-slate-500">
            {data.upcoming
              ? `${data.upcoming.amountDue.formatted} due after credits`
              : "Starts when you are on a plan"}
          </p>
        </Link>
        <Link href="/credits" className={card} data-testid="dash-credits">
          <h2 className="text-sm font-medium text-slate-500">Credit balance</h2>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{c.balance.formatted}</p>
          <p className="mt-1 text-xs text-slate-500" data-testid="dash-runway">
            {c.runwayDays === null
              ? "No credits burned in the last 7 days"
              : `At the last 7 days' rate (${c.burnedLast7Days.formatted}), credits last about ${c.runwayDays} day${c.runwayDays === 1 ? "" : "s"}`}
            {c.autoRechargeThreshold && ` · auto-recharge under ${c.autoRechargeThreshold.formatted}`}
          </p>
        </Link>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Link href="/usage" className={card} data-testid="dash-projection">
          <h2 className="text-sm font-medium text-slate-500">Projected for this period</h2>
          {data.forecast?.projected ? (
            <>
              <p className="mt-2 text-3xl font-semibold tabular-nums">
                {data.forecast.projected.total.mid.formatted}
              </p>
              <p className="mt-1 text-xs text-slate-500" data-testid="dash-projection-band">
                likely {data.forecast.projected.total.low.formatted} –{" "}
                {data.forecast.projected.total.high.formatted}, at the recent daily rate priced through your
                plan&apos;s tiers
              </p>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-500">
              {data.forecast ? "Not enough history yet: a projection needs 3 days of usage." : "No plan yet."}
            </p>
          )}
          {data.forecast && data.forecast.spikes.length > 0 && (
            <p className="mt-2 text-xs font-medium text-amber-700" data-testid="dash-spikes">
              {data.forecast.spikes.length} usage spike{data.forecast.spikes.length === 1 ? "" : "s"} in the
              last 7 days
            </p>
          )}
        </Link>
        <Link href="/limits" className={card} data-testid="dash-limits">
          <h2 className="text-sm font-medium text-slate-500">
            Limits
            {data.activeAlerts.length > 0 && (
              <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">
                {data.activeAlerts.length} active alert{data.activeAlerts.length === 1 ? "" : "s"}
              </span>
            )}
          </h2>
          {data.limits.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">
              No limits set. Set a budget or a hard cap so a bill never surprises you.
            </p>
          ) : (
            <ul className="mt-3 space-y-3">
              {data.limits.flatMap((s) =>
                s.limits.map((l) => (
                  <li key={`${s.scope}-${l.setBy}`} className="space-y-1 text-sm">
                    <LimitProgress scope={s} limit={l}>
                      {s.label}: {s.formatted} of {l.formatted} {l.mode === "hard_cap" ? "(hard cap)" : ""}
                    </LimitProgress>
                  </li>
                )),
              )}
            </ul>
          )}
        </Link>
        <Link
          href={data.lastInvoice ? `/invoices/${encodeURIComponent(data.lastInvoice.number)}` : "/invoices"}
          className={card}
          data-testid="dash-last-invoice"
        >
          <h2 className="text-sm font-medium text-slate-500">Last invoice</h2>
          {data.lastInvoice ? (
            <>
              <p className="mt-2 text-lg font-semibold">
                {data.lastInvoice.number} · <span className="capitalize">{data.lastInvoice.status}</span>
              </p>
              <p className="text-sm text-slate-600">
                {data.lastInvoice.total.formatted}
                {data.lastInvoice.status === "open" && ` · ${data.lastInvoice.amountDue.formatted} due`}
              </p>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-500">
              No invoice yet: your first arrives when this period ends.
            </p>
          )}
        </Link>
      </div>
      {data.forecast?.spendPath && data.forecast.spendPath.length > 0 && (
        <section
          className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
          data-testid="dash-spend-chart"
        >
          <h2 className="mb-2 text-sm font-medium text-slate-500">Cumulative spend this period</h2>
          <SpendChart path={data.forecast.spendPath} currency={data.forecast.currency} budgetMinor={budget} />
        </section>
      )}
      <p className="text-xs text-slate-400">
        {error
          ? `Could not refresh: ${error.message}. Retrying…`
          : <>Live · updated <UpdatedAt at={dataUpdatedAt} /></>}
      </p>
    </div>
  );
}
