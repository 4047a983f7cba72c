import Link from "next/link";
import type { PlanVersionDto } from "@/lib/plans/version-dto";
import { formatMinor } from "@/lib/money/format";

const INTERVAL = { MONTH: "month", YEAR: "year" } as const;

/** A version's terms and prices in plain words. */
export function VersionSummary({ version, subscribers }: { version: PlanVersionDto; subscribers?: number }) {
  const money = (minor: number) => formatMinor(BigInt(minor), version.currency);
  const draft = version.status === "DRAFT";
  return (
    <section className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={`version-${version.number}`}>
      <div className="flex items-center gap-3">
        <h2 className="text-lg font-semibold">Version {version.number}</h2>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${draft ? "bg-amber-100 text-amber-800" : "bg-emerald-100 text-emerald-800"}`}>{draft ? "Draft" : "Published"}</span>
        {subscribers !== undefined && <span className="text-sm text-slate-500">{subscribers} customer{subscribers === 1 ? "" : "s"}</span>}
        {draft && (
          <Link href={`/admin/plans/${version.planId}/versions/${version.id}`} className="ml-auto text-sm font-medium text-indigo-700 hover:underline">
            Edit draft
          </Link>
        )}
      </div>
      <p className="text-sm text-slate-700">
        {version.baseFeeMinor > 0 ? `${money(version.baseFeeMinor)} per ${INTERVAL[version.interval]}` : `Pay as you go, billed every ${INTERVAL[version.interval]}`}
        {version.minimumSpendMinor > 0 && ` · minimum spend ${money(version.minimumSpendMinor)} per period`}
        {version.trialDays > 0 && ` · ${version.trialDays}-day free trial`}
        {version.trialCreditsMinor > 0 && ` · ${money(version.trialCreditsMinor)} in trial credits`}
        {` · ${version.paymentTerms === "PREPAID" ? "prepaid" : "postpaid"} · ${version.currency}`}
      </p>
      {version.prices.length === 0 ? (
        <p className="text-sm text-slate-500">No usage prices.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {version.prices.map((p) => (
            <li key={p.meterId}>
              <span className="font-medium">{p.meter.name}</span>: {p.description.summary}
              {p.description.included && <span className="text-slate-500"> · {p.description.included}</span>}
              {p.description.tiers.length > 0 && (
                <ul className="ml-5 list-disc text-slate-600">
                  {p.description.tiers.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
