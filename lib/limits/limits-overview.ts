import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { pool } from "@/lib/db/client";
import type { BillingInterval } from "@/lib/db/generated/enums";
import { isUuid } from "@/lib/db/is-uuid";
import { pgSql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency, type CurrencyCode } from "@/lib/money/currencies";
import { formatMinor } from "@/lib/money/format";
import { formatQuantity } from "@/lib/money/format-major";
import { fromMinorUnits } from "@/lib/money/round";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { isActiveKind } from "./alert-kinds";
import { LIMITS_BODY, LIMITS_HEAD, type LimitsBodyRow, type LimitsHeadRow } from "./limits-overview-query";

/** One limit as a page shows it: who set it, the mode, the amount and the thresholds, with the value it is measured against. */
export type LimitDto = {
  setBy: "admin" | "customer";
  mode: "alert" | "hard_cap";
  /** Minor units for spend; a quantity for a meter. */
  amount: string;
  formatted: string;
  /** The amount as typed in a form: major units ("25.00") for spend, the quantity for a meter. */
  input: string;
  thresholds: number[];
};

/** A scope's limits (spend, or one meter) beside its value this period. */
export type LimitScopeDto = {
  scope: string;
  label: string;
  unit: string | null;
  /** Minor units for spend; the quantity for a meter. */
  value: string;
  formatted: string;
  limits: LimitDto[];
};

export type AlertDto = {
  id: string;
  /** threshold: reached; forecast: projected to be exceeded by the period's end; cap_reached: usage refused; spike: an hour far above its usual level (scope: the meter). */
  kind: "threshold" | "cap_reached" | "forecast" | "spike";
  scope: string;
  label: string;
  threshold: number;
  value: string;
  limit: string;
  periodStart: string;
  triggeredAt: string;
  resolvedAt: string | null;
};

export type LimitsOverview = {
  currency: CurrencyCode;
  period: { start: string; end: string } | null;
  scopes: LimitScopeDto[];
  activeAlerts: AlertDto[];
  history: AlertDto[];
};

/**
 * A customer's limits with this billing period's values: spend (rated usage) and each meter its plan
 * prices, each with the admin's limit (the ceiling) and the customer's own; the alerts still active in
 * the period, and the history (newest first). Members see only their own customer.
 */
export async function limitsOverview(
  actor: Actor,
  customerId: string,
  now = new Date(),
): Promise<LimitsOverview> {
  assertCanActForCustomer(actor, customerId);
  const sql = pgSql(pool());
  const [head] = isUuid(customerId)
    ? await sql.query<LimitsHeadRow>(LIMITS_HEAD, [customerId, now.toISOString()])
    : [];
  if (!head) throw new AppError("NOT_FOUND", "No such customer");
  const currency = parseCurrency(head.currency);
  const period =
    head.anchor_at && head.interval
      ? billingPeriodAt(new Date(head.anchor_at), head.interval as BillingInterval, now)
      : null;
  const [body] = await sql.query<LimitsBodyRow>(LIMITS_BODY, [
    customerId,
    head.plan_version_id,
    period?.start.toISOString() ?? null,
  ]);
  const limits = body.limits;
  const spent = BigInt(body.spend ?? "0");
  const limitDto = (l: LimitsBodyRow["limits"][number]): LimitDto => {
    const amount = l.limit;
    const isSpend = l.scope === "spend";
    return {
      setBy: l.setBy === "ADMIN" ? "admin" : "customer",
      mode: l.mode === "HARD_CAP" ? "hard_cap" : "alert",
      amount,
      formatted: isSpend ? formatMinor(BigInt(amount), currency) : formatQuantity(amount),
      input: isSpend ? fromMinorUnits(BigInt(amount), currency).toFixed() : amount,
      thresholds: l.thresholds,
    };
  };
  const scopes: LimitScopeDto[] = [
    {
      scope: "spend",
      label: "Spend",
      unit: null,
      value: spent.toString(),
      formatted: formatMinor(spent, currency),
      limits: limits.filter((l) => l.scope === "spend").map(limitDto),
    },
    ...body.meters.map((m) => {
      const value = body.quantities[m.id] ?? "0";
      return {
        scope: m.id,
        label: m.name,
        unit: m.unit,
        value,
        formatted: `${formatQuantity(value)} ${m.unit}`,
        limits: limits.filter((l) => l.scope === m.id).map(limitDto),
      };
    }),
  ];
  const labelOf = (scope: string) => scopes.find((s) => s.scope === scope)?.label ?? "Removed limit";
  const scopeOf = new Map(limits.map((l) => [l.id, l.scope]));
  const alertDto = (a: LimitsBodyRow["alerts"][number]): AlertDto => {
    const spike = a.kind === "spike";
    const scope = spike ? a.limitId : (scopeOf.get(a.limitId) ?? "");
    return {
      id: a.id,
      kind: a.kind === "cap_reached" || a.kind === "forecast" || a.kind === "spike" ? a.kind : "threshold",
      scope,
      label: labelOf(scope),
      threshold: a.threshold,
      value: a.value,
      limit: a.limitValue,
      periodStart: new Date(a.periodStart).toISOString(),
      triggeredAt: new Date(a.triggeredAt).toISOString(),
      resolvedAt: a.resolvedAt ? new Date(a.resolvedAt).toISOString() : null,
    };
  };
  const history = body.alerts.map(alertDto);
  return {
    currency,
    period: period ? { start: period.start.toISOString(), end: period.end.toISOString() } : null,
    scopes,
    // Spikes are events of an hour, not states: they show in the history only.
    activeAlerts: history.filter(
      (a) => isActiveKind(a.kind) && !a.resolvedAt && period && a.periodStart === period.start.toISOString(),
    ),
    history,
  };
}
