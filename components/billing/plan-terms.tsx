import type { UsageSummary } from "@/lib/period-charges/usage-summary-types";
import { formatDay } from "@/lib/dates/format-date";

const day = formatDay;
const INTERVAL = { MONTH: "month", YEAR: "year" } as const;

/** The plan in plain words: what it is, what it costs, and what happens next. */
export function PlanTerms({ summary }: { summary: UsageSummary }) {
  const s = summary.subscription!;
  const period = summary.period!;
  const fee = summary.baseFee!;
  return (
    <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold" data-testid="plan-name">
        {s.plan.name} <span className="text-sm font-normal text-slate-500">version {s.version}</span>
      </h2>
      {s.plan.description && <p className="text-sm text-slate-600">{s.plan.description}</p>}
      <ul className="space-y-1 text-sm text-slate-700">
        <li>{fee.perInterval.amountMinor > 0 ? `${fee.perInterval.formatted} per ${INTERVAL[s.interval]}, plus usage as priced below.` : `Pay as you go: you pay only for usage, billed every ${INTERVAL[s.interval]}.`}</li>
        <li>{s.paymentTerms === "PREPAID" ? "Prepaid: usage is paid from your credits as it happens." : "Postpaid: you are invoiced after each period."}</li>
        <li>
          This period: {day(period.start)} to {day(period.end)}.
        </li>
        {s.state === "trialing" && s.trialEndsAt && <li className="text-sky-800">Free trial until {day(s.trialEndsAt)}: usage during the trial is free.</li>}
        {s.cancelAtPeriodEnd && s.endsAt && <li className="text-red-700">Your plan ends on {day(s.endsAt)}.</li>}
        {summary.scheduledChange && (
          <li className="text-amber-800">
            Moves to {summary.scheduledChange.planName} (version {summary.scheduledChange.version}) on {day(summary.scheduledChange.startsAt)}.
          </li>
        )}
      </ul>
    </section>
  );
}
