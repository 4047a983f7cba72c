import { minorUnitExponent, type CurrencyCode } from "@/lib/money/currencies";
import { fromMinorUnits } from "@/lib/money/round";
import type { MoneyDto } from "@/lib/money/money-dto";
import type { CompanyAnalytics } from "./company-analytics";

export const ANALYTICS_TABLES = ["revenue", "credits", "receivables", "top-customers"] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

/** A CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled), per RFC 4180. */
const field = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * One of the analytics page's tables as CSV (RFC 4180, CRLF line ends): the same rows the page shows, money
 * as plain decimals with the currency's own number of decimals ("1234.50"; JPY "1235"), the currency in
 * the header, so totals summed from the file equal the page's.
 */
export function analyticsCsv(a: CompanyAnalytics, table: AnalyticsTable): string {
  const c: CurrencyCode = a.currency;
  const m = (d: MoneyDto) => fromMinorUnits(BigInt(d.amountMinor), c).toFixed(minorUnitExponent(c));
  const rows: (string | number)[][] = [];
  if (table === "revenue") {
    rows.push([
      "month",
      `base_fees_${c}`,
      `minimum_spend_${c}`,
      ...a.meters.map((x) => `usage_${x.key}_${c}`),
      `credit_notes_${c}`,
      `total_${c}`,
    ]);
    for (const r of a.revenue)
      rows.push([
        r.month,
        m(r.baseFees),
        m(r.minimumSpend),
        ...a.meters.map((x) =>
          r.usageByMeter[x.id] ? m(r.usageByMeter[x.id]) : m({ ...r.total, amountMinor: 0 }),
        ),
        m(r.creditNotes),
        m(r.total),
      ]);
  } else if (table === "credits") {
    rows.push(["month", `sold_${c}`, `burned_${c}`, `expired_${c}`]);
    for (const r of a.credits.months) rows.push([r.month, m(r.sold), m(r.burned), m(r.expired)]);
  } else if (table === "receivables") {
    rows.push([
      "invoice",
      "customer",
      "status",
      `amount_due_${c}`,
      "due_at",
      "days_overdue",
      "failed_attempts",
      "next_attempt_at",
      "last_error",
    ]);
    for (const r of a.receivables.invoices)
      rows.push([
        r.number,
        r.customerName,
        r.status,
        m(r.amountDue),
        r.dueAt ?? "",
        r.daysOverdue,
        r.attempts,
        r.nextAttemptAt ?? "",
        r.lastError ?? "",
      ]);
  } else {
    rows.push(["customer", "external_id", `last_3_months_${c}`, `prior_3_months_${c}`, "trend"]);
    for (const r of a.topCustomers) rows.push([r.name, r.externalId, m(r.recent), m(r.prior), r.trend]);
  }
  return rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}
