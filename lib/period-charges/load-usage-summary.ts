import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency } from "@/lib/money/currencies";
import { moneyDto } from "@/lib/money/money-dto";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { prorateBaseFee } from "@/lib/subscriptions/proration";
import { subscriptionState } from "@/lib/subscriptions/subscription-state";
import { meterCharges } from "./meter-charges";
import type { UsageSummary } from "./usage-summary-types";

/**
 * The customer's plan and this period's running charges, read from period_meter_charges (kept current
 * at ingest; no event or rollup is scanned). Members see only their own customer (others: 404); an API
 * key limited to another customer gets 403.
 */
export async function loadUsageSummary(actor: Actor, customerId: string, now = new Date()): Promise<UsageSummary> {
  assertCanActForCustomer(actor, customerId);
  const customer = await prisma.customer.findUnique({ where: { id: customerId }, select: { externalId: true, name: true, currency: true } });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const subs = await prisma.subscription.findMany({
    where: { customerId, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    orderBy: { startedAt: "asc" },
    include: { planVersion: { include: { plan: true, prices: { include: { meter: { select: { key: true, name: true, unit: true } } } } } } },
  });
  const sub = subs.find((s) => s.startedAt <= now);
  const scheduled = subs.find((s) => s.startedAt > now);
  const base = { customer: { externalId: customer.externalId, name: customer.name }, asOf: now.toISOString() };
  if (!sub) {
    const currency = parseCurrency(customer.currency);
    const zero = moneyDto(0n, currency);
    return { ...base, currency, subscription: null, period: null, baseFee: null, minimumSpend: null, meters: [], usage: zero, total: zero, scheduledChange: null };
  }
  const v = sub.planVersion;
  const currency = parseCurrency(v.currency);
  const state = subscriptionState(sub, now);
  const period = billingPeriodAt(sub.anchorAt, v.interval, now);
  const shownStart = sub.startedAt > period.start ? sub.startedAt : period.start;
  const baseThisPeriod =
    state === "trialing" ? 0n : sub.startedAt > period.start ? prorateBaseFee({ oldFeeMinor: 0n, newFeeMinor: v.baseFeeMinor, currency, period, at: sub.startedAt }).chargeMinor : v.baseFeeMinor;
  const rows = await prisma.periodMeterCharge.findMany({ where: { customerId, subscriptionId: sub.id, periodStart: period.start } });
  const meters = meterCharges(v.prices, rows, currency);
  const usage = meters.reduce((sum, m) => sum + BigInt(m.charge.amountMinor), 0n);
  const total = baseThisPeriod + usage;
  return {
    ...base,
    currency,
    subscription: {
      id: sub.id,
      state,
      plan: { name: v.plan.name, description: v.plan.description },
      version: v.number,
      interval: v.interval,
      paymentTerms: v.paymentTerms,
      startedAt: sub.startedAt.toISOString(),
      trialEndsAt: sub.trialEndsAt?.toISOString() ?? null,
      endsAt: sub.endsAt?.toISOString() ?? null,
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    },
    period: { start: shownStart.toISOString(), end: period.end.toISOString() },
    baseFee: { perInterval: moneyDto(v.baseFeeMinor, currency), thisPeriod: moneyDto(baseThisPeriod, currency) },
    minimumSpend: v.minimumSpendMinor > 0n ? { perPeriod: moneyDto(v.minimumSpendMinor, currency), toReach: moneyDto(total < v.minimumSpendMinor ? v.minimumSpendMinor - total : 0n, currency) } : null,
    meters,
    usage: moneyDto(usage, currency),
    total: moneyDto(total, currency),
    scheduledChange: scheduled ? { planName: scheduled.planVersion.plan.name, version: scheduled.planVersion.number, startsAt: scheduled.startedAt.toISOString() } : null,
  };
}
