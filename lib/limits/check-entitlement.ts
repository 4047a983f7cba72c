import "server-only";
import type { ApiKeyActor } from "@/lib/api-keys/authenticate-api-key";
import { pool } from "@/lib/db/client";
import type { BillingInterval } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors/app-error";
import { unstorableText } from "@/lib/errors/unstorable-text";
import { parseCurrency } from "@/lib/money/currencies";
import { MoneyDecimal } from "@/lib/money/decimal";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { ENTITLEMENT_QUERY, type EntitlementRow } from "./entitlement-query";

type Amount = MoneyDto | { quantity: string };

export type EntitlementLimit = {
  kind: "spend" | "meter";
  meter: string | null;
  setBy: "admin" | "customer";
  mode: "alert" | "hard_cap";
  cap: Amount;
  /** What is left under the limit this period (never below zero). */
  remaining: Amount;
};

export type Entitlement = {
  customer: string;
  allowed: boolean;
  reason: null | "account_suspended" | "spending_limit_reached" | "insufficient_credits";
  message: string | null;
  balance: MoneyDto;
  spendThisPeriod: MoneyDto;
  meterThisPeriod: { meter: string; quantity: string; unit: string } | null;
  limits: EntitlementLimit[];
  /** When this period's spend and limits start again (the period's end); null without a plan. */
  resetsAt: string | null;
};

/**
 * Whether a customer may use the product now (`meter`: that meter's caps too), read in one query from the
 * state ingestion writes, so it is never stale: suspended (an unpaid invoice), at a hard cap (spend, or the
 * meter's quantity), or PREPAID with nothing left to burn answer `allowed: false` with the reason. Alert-only
 * limits never block. Apps call it before an expensive request; a key limited to another customer gets 403.
 */
export async function checkEntitlement(
  actor: ApiKeyActor,
  externalId: string,
  meter: string | null,
  now = new Date(),
): Promise<Entitlement> {
  // No externalId or meter key holds NUL or a lone surrogate, and a query with one fails: no such customer;
  // such a meter is bad input (422 naming it).
  if (unstorableText(externalId, "customer")) {
    if (actor.customerId !== null) throw new AppError("FORBIDDEN", "This API key is limited to another customer");
    throw new AppError("NOT_FOUND", "No such customer");
  }
  const badMeter = meter === null ? null : unstorableText(meter, "meter");
  if (badMeter) throw new AppError("UNPROCESSABLE", `meter: ${badMeter.message}`, { problems: [badMeter] });
  // Named: each connection plans it once (planning cost more than running it, unnamed).
  const { rows } = await pool().query<EntitlementRow>({
    name: "meterly_entitlement",
    text: ENTITLEMENT_QUERY,
    values: [externalId, meter],
  });
  const r = rows[0];
  if (actor.customerId !== null && r?.id !== actor.customerId)
    throw new AppError("FORBIDDEN", "This API key is limited to another customer");
  if (!r) throw new AppError("NOT_FOUND", `No customer with externalId "${externalId}"`);
  if (meter !== null && !r.meter_id)
    throw new AppError("NOT_FOUND", `No meter "${meter}"`, {
      problems: [{ field: "meter", rule: "known_meter", message: `No meter with key "${meter}"` }],
    });
  const currency = parseCurrency(r.currency);
  const period =
    r.anchor_at && r.interval ? billingPeriodAt(r.anchor_at, r.interval as BillingInterval, now) : null;
  const current = (list: { periodStart: string; value: string }[]) =>
    (period && list.find((x) => new Date(x.periodStart).getTime() === period.start.getTime())?.value) || "0";
  const spend = BigInt(current(r.spends));
  const quantity = current(r.quantities);
  const balance = BigInt(r.balance_minor ?? "0");
  const limits: EntitlementLimit[] = r.limits
    .filter((l) => l.scope === "spend" || l.scope === r.meter_id)
    .map((l) => {
      const isSpend = l.scope === "spend";
      const value = isSpend ? new MoneyDecimal(spend.toString()) : new MoneyDecimal(quantity);
      const left = MoneyDecimal.max(0, new MoneyDecimal(l.limit).minus(value));
      return {
        kind: isSpend ? "spend" : "meter",
        meter: isSpend ? null : r.meter_key,
        setBy: l.setBy === "ADMIN" ? "admin" : "customer",
        mode: l.mode === "HARD_CAP" ? "hard_cap" : "alert",
        cap: isSpend ? moneyDto(BigInt(l.limit), currency) : { quantity: l.limit },
        remaining: isSpend ? moneyDto(BigInt(left.toFixed()), currency) : { quantity: left.toFixed() },
      };
    });
  const blocked = (): Pick<Entitlement, "reason" | "message"> => {
    if (r.suspended_at)
      return {
        reason: "account_suspended",
        message: `Suspended: ${r.suspension_reason ?? "an unpaid invoice"}`,
      };
    const atCap = limits.find(
      (l) =>
        l.mode === "hard_cap" &&
        ("amountMinor" in l.remaining
          ? l.remaining.amountMinor === 0
          : new MoneyDecimal(l.remaining.quantity).isZero()),
    );
    if (atCap)
      return {
        reason: "spending_limit_reached",
        message: `The ${atCap.kind === "spend" ? "spend" : atCap.meter} hard cap of this period is reached`,
      };
    if (r.terms === "PREPAID" && balance <= 0n)
      return {
        reason: "insufficient_credits",
        message: "No prepaid credits left: buy credits or turn on auto-recharge",
      };
    return { reason: null, message: null };
  };
  const { reason, message } = blocked();
  return {
    customer: r.external_id,
    allowed: reason === null,
    reason,
    message,
    balance: moneyDto(balance, currency),
    spendThisPeriod: moneyDto(spend, currency),
    meterThisPeriod: r.meter_key ? { meter: r.meter_key, quantity, unit: r.meter_unit ?? "units" } : null,
    limits,
    resetsAt: period?.end.toISOString() ?? null,
  };
}
