"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AssignableVersion } from "@/lib/plans/list-published-versions";
import type { SubscriptionDto } from "@/lib/subscriptions/subscription-dto";
import { inputClass } from "@/components/plans/field";
import { ApiError, fetchJson } from "@/components/data/fetch-json";
import { SubscriptionList } from "./subscription-list";
import { formatDateTime } from "@/lib/dates/format-date";

type Props = {
  customerId: string;
  currency: string;
  subscriptions: SubscriptionDto[];
  versions: AssignableVersion[];
};

/** Assign a plan, change it now (prorated) or at period end, or cancel at period end. */
export function SubscriptionPanel({ customerId, currency, subscriptions, versions }: Props) {
  const router = useRouter();
  const current = subscriptions.find((s) => s.state === "active" || s.state === "trialing");
  const [versionId, setVersionId] = useState(versions[0]?.id ?? "");
  const [timing, setTiming] = useState<"now" | "period_end">("now");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const base = `/api/admin/customers/${customerId}/subscription`;

  async function run(action: () => Promise<string>) {
    setPending(true);
    setMessage(null);
    try {
      setMessage({ error: false, text: await action() });
      router.refresh();
    } catch (e) {
      setMessage({
        error: true,
        text:
          e instanceof ApiError
            ? [e.message, ...e.problems.map((p) => p.message)].join(": ")
            : "Could not reach the server; try again.",
      });
    } finally {
      setPending(false);
    }
  }
  const assign = () =>
    run(
      async () => (
        await fetchJson(base, { method: "POST", body: { planVersionId: versionId } }),
        "Plan assigned."
      ),
    );
  const change = () =>
    run(async () => {
      const r = await fetchJson<{
        startsAt: string;
        proration: { netMinor: number; creditMinor: number; chargeMinor: number } | null;
      }>(`${base}/change`, { method: "POST", body: { planVersionId: versionId, timing } });
      return r.proration
        ? `Changed now: base fee credit ${r.proration.creditMinor}, charge ${r.proration.chargeMinor} (minor units of ${currency}).`
        : `Change scheduled for ${formatDateTime(r.startsAt)}.`;
    });
  const cancel = () =>
    run(
      async () =>
        `Cancels at ${formatDateTime((await fetchJson<{ endsAt: string }>(`${base}/cancel`, { method: "POST" })).endsAt)}.`,
    );

  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">Subscription</h2>
      {versions.length === 0 ? (
        <p className="text-sm text-slate-500">
          No published plan is priced in {currency} yet: publish a version on the Plans page first.
        </p>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <label className="block text-sm font-medium">
            Plan version
            <select value={versionId} onChange={(e) => setVersionId(e.target.value)} className={inputClass}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.planName} v{v.number}
                </option>
              ))}
            </select>
          </label>
          {current ? (
            <>
              <label className="block text-sm font-medium">
                When
                <select
                  value={timing}
                  onChange={(e) => setTiming(e.target.value as "now" | "period_end")}
                  className={inputClass}
                >
                  <option value="now">Now (upgrade, base fee prorated)</option>
                  <option value="period_end">At period end (downgrade)</option>
                </select>
              </label>
              <button
                type="button"
                disabled={pending}
                onClick={change}
                className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
              >
                Change plan
              </button>
              <button
                type="button"
                disabled={pending || current.cancelAtPeriodEnd}
                onClick={cancel}
                className="rounded-md border border-red-200 px-4 py-2 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50"
              >
                Cancel at period end
              </button>
            </>
          ) : (
            <button
              type="button"
              disabled={pending}
              onClick={assign}
              className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
            >
              Assign plan
            </button>
          )}
        </div>
      )}
      {message && (
        <p
          role={message.error ? "alert" : "status"}
          className={`text-sm ${message.error ? "text-red-700" : "text-emerald-700"}`}
        >
          {message.text}
        </p>
      )}
      <SubscriptionList subscriptions={subscriptions} />
    </section>
  );
}
