import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { pool } from "@/lib/db/client";
import { pgSql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors/app-error";
import { isKnownCurrency, type CurrencyCode } from "@/lib/money/currencies";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import { creditsByMonth } from "./credits-by-month";
import { receivables } from "./receivables";
import { recurringRevenue } from "./recurring-revenue";
import { revenueByMonth } from "./revenue-by-month";
import { topCustomers } from "./top-customers";

const MONTHS = 12;

export type CompanyAnalytics = {
  currency: CurrencyCode;
  currencies: string[];
  asOf: string;
  meters: { id: string; key: string; name: string }[];
  revenue: {
    month: string;
    baseFees: MoneyDto;
    minimumSpend: MoneyDto;
    usage: MoneyDto;
    usageByMeter: Record<string, MoneyDto>;
    creditNotes: MoneyDto;
    total: MoneyDto;
  }[];
  /** The 12 months' revenue together. */
  revenueTotal: MoneyDto;
  mrr: MoneyDto;
  subscriptions: number;
  usageRunRate: MoneyDto;
  runRateMonths: string[];
  credits: {
    months: { month: string; sold: MoneyDto; burned: MoneyDto; expired: MoneyDto }[];
    outstanding: MoneyDto;
    wallets: number;
  };
  receivables: {
    open: MoneyDto;
    overdue: MoneyDto;
    uncollectible: MoneyDto;
    dunning: { failedAttempts: number; invoices: number; amount: MoneyDto }[];
    failedPaymentsLast30Days: number;
    invoices: {
      customerId: string;
      customerName: string;
      invoiceId: string;
      number: string;
      status: string;
      amountDue: MoneyDto;
      dueAt: string | null;
      daysOverdue: number;
      attempts: number;
      nextAttemptAt: string | null;
      lastError: string | null;
    }[];
  };
  topCustomers: {
    customerId: string;
    externalId: string;
    name: string;
    recent: MoneyDto;
    prior: MoneyDto;
    trend: string;
  }[];
};

/**
 * The company's revenue analytics in one currency (admins only): revenue by month for the last 12 months
 * (base fees, usage per meter, minimum spend, credit notes) from finalized invoices; MRR beside the usage
 * run-rate of the last 3 full months; credits sold, burned and expired per month and the outstanding prepaid
 * balance; accounts receivable and the dunning pipeline; the top customers with their trend. All from
 * invoices, the ledger and subscriptions: never raw events. `currency` defaults to the most used one.
 */
export async function companyAnalytics(
  actor: Actor,
  opts: { currency?: string | null; now?: Date } = {},
): Promise<CompanyAnalytics> {
  assertAdmin(actor);
  const now = opts.now ?? new Date();
  const sql = pgSql(pool());
  const used = await sql.query<{ currency: string }>(
    `SELECT currency FROM customers GROUP BY currency ORDER BY count(*) DESC, currency`,
  );
  const currencies = used.map((u) => u.currency);
  const requested = opts.currency ?? currencies[0] ?? "USD";
  if (!isKnownCurrency(requested))
    throw new AppError("UNPROCESSABLE", "currency: not a currency Meterly knows", {
      problems: [
        { field: "currency", rule: "currency", message: "must be an ISO 4217 code Meterly knows, e.g. USD" },
      ],
    });
  const currency: CurrencyCode = requested;
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (MONTHS - 1), 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const [revenue, credits, ar, top, meters] = await Promise.all([
    revenueByMonth(sql, currency, from, to),
    creditsByMonth(sql, currency, from, to),
    receivables(sql, currency, now),
    topCustomers(sql, currency, thisMonth),
    sql.query<{ id: string; key: string; name: string }>(
      `SELECT id::text, key, name FROM meters ORDER BY name, key`,
    ),
  ]);
  const full = revenue.filter(
    (m) => m.month < `${thisMonth.getUTCFullYear()}-${String(thisMonth.getUTCMonth() + 1).padStart(2, "0")}`,
  );
  const recurring = await recurringRevenue(sql, currency, now, full);
  const money = (n: bigint) => moneyDto(n, currency);
  const usedMeters = new Set(revenue.flatMap((m) => [...m.usageByMeter.keys()]));
  return {
    currency,
    currencies: currencies.includes(currency) ? currencies : [currency, ...currencies],
    asOf: now.toISOString(),
    meters: meters.filter((m) => usedMeters.has(m.id)),
    revenue: revenue.map((m) => ({
      month: m.month,
      baseFees: money(m.baseFeesMinor),
      minimumSpend: money(m.minimumSpendMinor),
      usage: money([...m.usageByMeter.values()].reduce((a, b) => a + b, 0n)),
      usageByMeter: Object.fromEntries([...m.usageByMeter].map(([id, v]) => [id, money(v)])),
      creditNotes: money(m.creditNotesMinor),
      total: money(m.totalMinor),
    })),
    revenueTotal: money(revenue.reduce((s, m) => s + m.totalMinor, 0n)),
    mrr: money(recurring.mrrMinor),
    subscriptions: recurring.subscriptions,
    usageRunRate: money(recurring.usageRunRateMinor),
    runRateMonths: recurring.runRateMonths,
    credits: {
      months: credits.months.map((m) => ({
        month: m.month,
        sold: money(m.soldMinor),
        burned: money(m.burnedMinor),
        expired: money(m.expiredMinor),
      })),
      outstanding: money(credits.outstandingMinor),
      wallets: credits.wallets,
    },
    receivables: {
      open: money(ar.openMinor),
      overdue: money(ar.overdueMinor),
      uncollectible: money(ar.uncollectibleMinor),
      dunning: ar.dunning.map((d) => ({
        failedAttempts: d.failedAttempts,
        invoices: d.invoices,
        amount: money(d.amountMinor),
      })),
      failedPaymentsLast30Days: ar.failedPaymentsLast30Days,
      invoices: ar.invoices.map((i) => ({
        customerId: i.customerId,
        customerName: i.customerName,
        invoiceId: i.invoiceId,
        number: i.number,
        status: i.status,
        amountDue: money(i.amountDueMinor),
        dueAt: i.dueAt?.toISOString() ?? null,
        daysOverdue: i.daysOverdue,
        attempts: i.attempts,
        nextAttemptAt: i.nextAttemptAt?.toISOString() ?? null,
        lastError: i.lastError,
      })),
    },
    topCustomers: top.map((t) => ({
      customerId: t.customerId,
      externalId: t.externalId,
      name: t.name,
      recent: money(t.recentMinor),
      prior: money(t.priorMinor),
      trend: t.trend,
    })),
  };
}
