import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { previewUpcomingInvoice } from "@/lib/billing/preview-upcoming-invoice";
import { prisma } from "@/lib/db/client";
import { getCreditSummary } from "@/lib/ledger/get-credit-summary";
import { limitsOverview, type AlertDto, type LimitScopeDto } from "@/lib/limits/limits-overview";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import { forecastForCustomer } from "@/lib/forecast/forecast-for-customer";
import type { ForecastDto } from "@/lib/forecast/forecast-dto";
import { creditRunwayDays } from "./credit-runway";

const RUNWAY_DAYS = 7;
const DAY_MS = 86_400_000;

export type DashboardSummary = {
  currency: string;
  period: { start: string; end: string } | null;
  /** Rated usage this period (what usage costs, before credits). */
  spendThisPeriod: MoneyDto;
  /** The upcoming invoice's total and amount due so far (base fee, usage, minimum, credits). */
  upcoming: { total: MoneyDto; amountDue: MoneyDto } | null;
  credits: {
    balance: MoneyDto;
    /** What usage burned in the last 7 days, and how many days the balance lasts at that rate (null: no burn). */
    burnedLast7Days: MoneyDto;
    runwayDays: number | null;
    autoRechargeThreshold: MoneyDto | null;
  };
  limits: LimitScopeDto[];
  activeAlerts: AlertDto[];
  lastInvoice: {
    number: string;
    status: string;
    total: MoneyDto;
    amountDue: MoneyDto;
    dueAt: string | null;
  } | null;
  /** The period's projected total with its band and the last 7 days' spikes (lib/forecast); null without a plan. */
  forecast: ForecastDto | null;
  asOf: string;
};

/**
 * The customer's dashboard in one read: this period's spend, the upcoming invoice, the credit balance and its
 * runway at the last 7 days' burn (the auto-recharge threshold beside it), each limit with its progress, the
 * active alerts, the last invoice and the projected total with its band (lib/forecast). Everything from rollup-fed rows (period charges, the ledger, invoices),
 * never raw events. Members see only their own customer.
 */
export async function dashboardSummary(
  actor: Actor,
  customerId: string,
  now = new Date(),
): Promise<DashboardSummary> {
  assertCanActForCustomer(actor, customerId);
  const [limits, upcoming, credits, burned, last, forecast] = await Promise.all([
    limitsOverview(actor, customerId, now),
    previewUpcomingInvoice(actor, customerId, now),
    getCreditSummary(actor, customerId, now),
    prisma.creditLedgerEntry.aggregate({
      where: { customerId, kind: "BURN", createdAt: { gte: new Date(now.getTime() - RUNWAY_DAYS * DAY_MS) } },
      _sum: { amountMinor: true },
    }),
    prisma.invoice.findFirst({
      where: { customerId, status: { not: "DRAFT" }, kind: "STANDARD" },
      orderBy: { periodStart: "desc" },
    }),
    forecastForCustomer(actor, customerId, now),
  ]);
  const currency = limits.currency;
  const spend = limits.scopes.find((s) => s.scope === "spend");
  const burnedMinor = -(burned._sum.amountMinor ?? 0n);
  const balanceMinor = BigInt(credits.balance.amountMinor);
  return {
    currency,
    period: limits.period,
    spendThisPeriod: moneyDto(BigInt(spend?.value ?? "0"), currency),
    upcoming: upcoming && { total: upcoming.total, amountDue: upcoming.amountDue },
    credits: {
      balance: credits.balance,
      burnedLast7Days: moneyDto(burnedMinor, currency),
      runwayDays: creditRunwayDays(balanceMinor, burnedMinor, RUNWAY_DAYS),
      autoRechargeThreshold: credits.autoRecharge?.enabled ? credits.autoRecharge.threshold : null,
    },
    limits: limits.scopes.filter((s) => s.limits.length > 0),
    activeAlerts: limits.activeAlerts,
    lastInvoice: last && {
      number: last.number ?? "draft",
      status: last.status.toLowerCase(),
      total: moneyDto(last.totalMinor, currency),
      amountDue: moneyDto(last.amountDueMinor, currency),
      dueAt: last.dueAt?.toISOString() ?? null,
    },
    forecast,
    asOf: now.toISOString(),
  };
}
