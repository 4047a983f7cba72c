import type { LimitScopeDto, LimitsOverview } from "@/lib/limits/limits-overview";
import type { FormAction, SubmitAction } from "@/lib/forms/form-state";
import { LimitProgress } from "./limit-progress";
import { LimitForm, type LimitFormState } from "./limit-form";

const MODE = { alert: "alert only", hard_cap: "hard cap" } as const;

/**
 * Each scope (spend, then each priced meter) with this period's value, every limit on it as a progress bar
 * with its thresholds, and the form for the viewer's own limit (`owner`): a member's may not exceed the
 * admin's hard cap, which is shown as the ceiling.
 */
export function LimitsPanel({
  overview,
  owner,
  customerId,
  actions,
}: {
  overview: LimitsOverview;
  owner: "admin" | "customer";
  customerId?: string;
  actions: { set: FormAction<LimitFormState>; remove: SubmitAction };
}) {
  return (
    <div className="space-y-4">
      {overview.scopes.map((s) => (
        <ScopeCard
          key={s.scope}
          scope={s}
          owner={owner}
          customerId={customerId}
          currency={overview.currency}
          actions={actions}
        />
      ))}
    </div>
  );
}

function ScopeCard({
  scope: s,
  owner,
  customerId,
  currency,
  actions,
}: {
  scope: LimitScopeDto;
  owner: "admin" | "customer";
  customerId?: string;
  currency: string;
  actions: { set: FormAction<LimitFormState>; remove: SubmitAction };
}) {
  const own = s.limits.find((l) => l.setBy === owner) ?? null;
  const ceiling =
    owner === "customer" ? s.limits.find((l) => l.setBy === "admin" && l.mode === "hard_cap") : undefined;
  return (
    <section
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid={`limit-scope-${s.scope === "spend" ? "spend" : s.label}`}
    >
      <div className="flex items-baseline justify-between">
        <h2 className="text-lg font-semibold">{s.label}</h2>
        <span className="text-sm text-slate-600" data-testid="limit-value">
          {s.formatted} this period
        </span>
      </div>
      {s.limits.length === 0 && <p className="text-sm text-slate-500">No limit set.</p>}
      {s.limits.map((l) => (
        <div key={l.setBy} className="space-y-1" data-testid={`limit-${l.setBy}`}>
          <LimitProgress scope={s} limit={l}>
            {l.setBy === owner
              ? "Your limit"
              : owner === "customer"
                ? "Your provider's limit"
                : "The customer's own limit"}
            : <strong>{l.formatted}</strong> ({MODE[l.mode]}; alerts at {l.thresholds.join(", ")}%)
          </LimitProgress>
        </div>
      ))}
      {ceiling && (
        <p className="text-xs text-slate-500">
          Your limit may be lower than your provider&apos;s cap of {ceiling.formatted}, not higher.
        </p>
      )}
      <LimitForm
        scope={s.scope}
        customerId={customerId}
        unit={s.scope === "spend" ? currency : (s.unit ?? "units")}
        current={own}
        action={actions.set}
      />
      {own && (
        <form action={actions.remove}>
          <input type="hidden" name="scope" value={s.scope} />
          {customerId && <input type="hidden" name="customerId" value={customerId} />}
          <button className="text-sm text-red-700 hover:underline">
            Remove {owner === "customer" ? "my" : "the admin"} limit
          </button>
        </form>
      )}
    </section>
  );
}
