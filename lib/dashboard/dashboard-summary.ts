import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { upcomingDto } from "@/lib/billing/invoice-dto";
import { pool } from "@/lib/db/client";
import { pgSql } from "@/lib/db/sql";
import { limitsOverview, type AlertDto, type LimitScopeDto } from "@/lib/limits/limits-overview";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import { forecastInPeriod } from "@/lib/forecast/forecast-for-customer";
import type { ForecastDto } from "@/lib/forecast/forecast-dto";
import { creditRunwayDays } from "./credit-runway";

const RUNWAY_DAYS = 7;
const DAY_MS = 86_400_000;

/** The wallet, the burns since $2 and the last finalized invoice of customer $1, in one round trip (each an indexed read). */
export const ACCOUNT_SUMMARY = `
SELECT
  (SELECT balance_minor::text FROM credit_balances WHERE customer_id = $1::uuid) AS balance,
  (SELECT threshold_minor::text FROM credit_auto_recharges WHERE customer_id = $1::uuid AND enabled) AS auto_recharge_threshold,
  (SELECT COALESCE(sum(amount_minor), 0)::text FROM credit_ledger_entries
   WHERE customer_id = $1::uuid AND kind = 'BURN' AND created_at >= $2) AS burned,
  i.number, i.status, i.total_minor, i.amount_due_minor, i.due_at
FROM (SELECT 1) AS one LEFT JOIN LATERAL (
  SELECT number, status::text, total_minor::text, amount_due_minor::text, due_at FROM invoices
  WHERE customer_id = $1::uuid AND status <> 'DRAFT' AND kind = 'STANDARD'
  ORDER BY period_start DESC LIMIT 1) AS i ON true`;

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
  const sql = pgSql(pool());
  const limitsRead = limitsOverview(actor, customerId, now);
  // The forecast starts from the upcoming invoice (the same composition previewUpcomingInvoice makes), in the
  // period and currency the limits overview has just read: one read of the period's inputs for both.
  const forecastRead = limitsRead.then((l) =>
    l.period
      ? forecastInPeriod(
          customerId,
          l.currency,
          { start: new Date(l.period.start), end: new Date(l.period.end) },
          now,
        )
      : null,
  );
  const [limits, [account], inPeriod] = await Promise.all([
    limitsRead,
    // The wallet, the last 7 days' burns and the last invoice in one round trip (each an indexed read).
    sql.query<{
      balance: string | null;
      auto_recharge_threshold: string | null;
      burned: string;
      number: string | null;
      status: string | null;
      total_minor: string | null;
      amount_due_minor: string | null;
      due_at: Date | null;
    }>(ACCOUNT_SUMMARY, [customerId, new Date(now.getTime() - RUNWAY_DAYS * DAY_MS)]),
    forecastRead,
  ]);
  const upcoming = inPeriod && upcomingDto(inPeriod.soFar);
  const forecast = inPeriod?.forecast ?? null;
  const currency = limits.currency;
  const spend = limits.scopes.find((s) => s.scope === "spend");
  const burnedMinor = -BigInt(account.burned);
  const balanceMinor = BigInt(account.balance ?? "0");
  return {
    currency,
    period: limits.period,
    spendThisPeriod: moneyDto(BigInt(spend?.value ?? "0"), currency),
    upcoming: upcoming && { total: upcoming.total, amountDue: upcoming.amountDue },
    credits: {
      balance: moneyDto(balanceMinor, currency),
      burnedLast7Days: moneyDto(burnedMinor, currency),
      runwayDays: creditRunwayDays(balanceMinor, burnedMinor, RUNWAY_DAYS),
      autoRechargeThreshold:
        account.auto_recharge_threshold === null
          ? null
          : moneyDto(BigInt(account.auto_recharge_threshold), currency),
    },
    limits: limits.scopes.filter((s) => s.limits.length > 0),
    activeAlerts: limits.activeAlerts,
    lastInvoice:
      account.status === null
        ? null
        : {
            number: account.number ?? "draft",
            status: account.status.toLowerCase(),
            total: moneyDto(BigInt(account.total_minor!), currency),
            amountDue: moneyDto(BigInt(account.amount_due_minor!), currency),
            dueAt: account.due_at ? new Date(account.due_at).toISOString() : null,
          },
    forecast,
    asOf: now.toISOString(),
  };
}
