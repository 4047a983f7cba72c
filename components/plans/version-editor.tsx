"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PriceableMeter } from "@/lib/plans/list-priceable-meters";
import { majorToMinor, minorToMajorText } from "@/lib/money/major-units";
import type { PlanVersionDto } from "@/lib/plans/version-dto";
import { CURRENCY_CODES, type CurrencyCode } from "@/lib/money/currencies";
import { fetchJson, problemsOf, type Problem } from "@/components/data/fetch-json";
import { draftFromModel, draftProblems, emptyDraft, modelFromDraft, type PriceDraft } from "./price-draft";
import { inputClass, ProblemList, TextField } from "./field";
import { PriceEditor } from "./price-editor";
import { PublishButton } from "./publish-button";

type Terms = {
  currency: CurrencyCode;
  interval: "MONTH" | "YEAR";
  baseFee: string;
  minimumSpend: string;
  trialDays: string;
  paymentTerms: "PREPAID" | "POSTPAID";
  trialCredits: string;
};

/** The draft editor: terms and a price per meter; saves the whole draft at once. */
export function VersionEditor({ version, meters }: { version: PlanVersionDto; meters: PriceableMeter[] }) {
  const router = useRouter();
  const [terms, setTerms] = useState<Terms>({
    currency: version.currency,
    interval: version.interval,
    baseFee: minorToMajorText(version.baseFeeMinor, version.currency),
    minimumSpend: minorToMajorText(version.minimumSpendMinor, version.currency),
    trialDays: String(version.trialDays),
    paymentTerms: version.paymentTerms,
    trialCredits: minorToMajorText(version.trialCreditsMinor, version.currency),
  });
  const [prices, setPrices] = useState<PriceDraft[]>(
    version.prices.map((p) => draftFromModel(p.meterId, p.model)),
  );
  const [problems, setProblems] = useState<Problem[]>([]);
  const [status, setStatus] = useState<{ saving: boolean; dirty: boolean; message: string | null }>({
    saving: false,
    dirty: false,
    message: null,
  });
  const touched = () => setStatus((s) => ({ ...s, dirty: true, message: null }));
  const setTerm = (key: keyof Terms) => (v: string) => {
    setTerms((t) => ({ ...t, [key]: v }));
    touched();
  };
  const changePrices = (apply: (all: PriceDraft[]) => PriceDraft[]) => {
    setPrices(apply);
    touched();
  };

  async function save() {
    const local: Problem[] = [];
    const fee = majorToMinor(terms.baseFee, terms.currency);
    const min = majorToMinor(terms.minimumSpend, terms.currency);
    if (!fee.ok) local.push({ field: "baseFee", rule: "amount", message: fee.message });
    if (!min.ok) local.push({ field: "minimumSpend", rule: "amount", message: min.message });
    const credits = majorToMinor(terms.trialCredits, terms.currency);
    if (!credits.ok) local.push({ field: "trialCredits", rule: "amount", message: credits.message });
    if (!/^\d+$/.test(terms.trialDays.trim()))
      local.push({ field: "trialDays", rule: "integer", message: "trial days must be a whole number" });
    prices.forEach((p, i) => local.push(...draftProblems(p, i)));
    if (local.length > 0 || !fee.ok || !min.ok || !credits.ok) return setProblems(local);
    setStatus((s) => ({ ...s, saving: true }));
    try {
      await fetchJson(`/api/admin/plan-versions/${version.id}`, {
        method: "PUT",
        body: {
          currency: terms.currency,
          interval: terms.interval,
          baseFeeMinor: fee.minor.toString(),
          minimumSpendMinor: min.minor.toString(),
          trialDays: Number(terms.trialDays.trim()),
          paymentTerms: terms.paymentTerms,
          trialCreditsMinor: credits.minor.toString(),
          prices: prices.map((p) => ({ meterId: p.meterId, model: modelFromDraft(p) })),
        },
      });
      setProblems([]);
      setStatus({ saving: false, dirty: false, message: "Draft saved." });
      router.refresh();
    } catch (e) {
      setProblems(problemsOf(e, "(draft)"));
      setStatus((s) => ({ ...s, saving: false }));
    }
  }

  const unpriced = meters.find((m) => !prices.some((p) => p.meterId === m.id));
  return (
    <div className="space-y-6">
      <section className="grid grid-cols-3 gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <label className="block text-sm font-medium">
          Currency
          <select
            value={terms.currency}
            onChange={(e) => setTerm("currency")(e.target.value)}
            className={inputClass}
          >
            {CURRENCY_CODES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Billing interval
          <select
            value={terms.interval}
            onChange={(e) => setTerm("interval")(e.target.value)}
            className={inputClass}
          >
            <option value="MONTH">Monthly</option>
            <option value="YEAR">Yearly</option>
          </select>
        </label>
        <label className="block text-sm font-medium">
          Payment terms
          <select
            value={terms.paymentTerms}
            onChange={(e) => setTerm("paymentTerms")(e.target.value)}
            className={inputClass}
          >
            <option value="POSTPAID">Postpaid (invoiced after the period)</option>
            <option value="PREPAID">Prepaid (burns credits)</option>
          </select>
        </label>
        <TextField
          label="Base fee per interval"
          value={terms.baseFee}
          onChange={setTerm("baseFee")}
          hint={`In ${terms.currency}; 0 for pay-as-you-go`}
        />
        <TextField
          label="Minimum spend per period"
          value={terms.minimumSpend}
          onChange={setTerm("minimumSpend")}
          hint="Commitment; 0 for none"
        />
        <TextField
          label="Trial days"
          value={terms.trialDays}
          onChange={setTerm("trialDays")}
          hint="Usage during the trial is free"
        />
        <TextField
          label="Trial credits"
          value={terms.trialCredits}
          onChange={setTerm("trialCredits")}
          hint={`In ${terms.currency}; granted once when a customer starts the plan`}
        />
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Prices per meter</h2>
        {prices.length === 0 && (
          <p className="text-sm text-slate-500">
            No usage prices yet: add one per meter you charge for. Meters without a price cost nothing.
          </p>
        )}
        {prices.map((p, i) => (
          <PriceEditor
            key={i}
            index={i}
            draft={p}
            meters={meters}
            problems={problems.filter((pr) => pr.field.startsWith(`prices.${i}.`))}
            onChange={(d) => changePrices((all) => all.map((x, j) => (j === i ? d : x)))}
            onRemove={() => changePrices((all) => all.filter((_, j) => j !== i))}
          />
        ))}
        {meters.length === 0 ? (
          <p className="text-sm text-slate-500">
            There are no meters to price yet: create one on the Meters page first.
          </p>
        ) : (
          <button
            type="button"
            disabled={!unpriced}
            onClick={() => unpriced && changePrices((all) => [...all, emptyDraft(unpriced.id)])}
            className="rounded-md border border-indigo-200 px-3 py-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50 disabled:opacity-50"
          >
            + Add price
          </button>
        )}
      </section>

      <ProblemList problems={problems.filter((p) => !p.field.startsWith("prices."))} />
      <div className="flex items-center gap-3">
        <button
          type="button"
          onClick={save}
          disabled={status.saving}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {status.saving ? "Saving…" : "Save draft"}
        </button>
        <PublishButton
          versionId={version.id}
          planId={version.planId}
          number={version.number}
          blockedReason={status.dirty ? "Save your changes before publishing." : null}
        />
        {status.message && (
          <span className="text-sm text-emerald-700" role="status">
            {status.message}
          </span>
        )}
      </div>
    </div>
  );
}
