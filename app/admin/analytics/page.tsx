import Link from "next/link";
import { requireAdmin } from "@/lib/auth/current-user";
import { companyAnalytics } from "@/lib/analytics/company-analytics";
import { isKnownCurrency } from "@/lib/money/currencies";
import { DataTable } from "@/components/ui/data-table";
import { RevenueChart } from "@/components/analytics/revenue-chart";

export const dynamic = "force-dynamic";

const num = "px-4 py-2 text-right tabular-nums";
const cell = "px-4 py-2";

function Csv({ table, currency }: { table: string; currency: string }) {
  return (
    <a
      href={`/api/admin/analytics/${table}.csv?currency=${currency}`}
      className="text-sm text-indigo-700 hover:underline"
      data-testid={`csv-${table}`}
    >
      Export CSV
    </a>
  );
}

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <div className="text-sm text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
      {hint && <div className="mt-1 text-xs text-slate-500">{hint}</div>}
    </div>
  );
}

/** Admin: revenue (base fees and usage by meter), MRR beside the usage run-rate, credits, receivables and top customers, in one currency. */
export default async function AnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<{ currency?: string }>;
}) {
  const admin = await requireAdmin();
  const asked = (await searchParams).currency ?? null;
  const known = asked === null || isKnownCurrency(asked);
  const a = await companyAnalytics(admin, { currency: known ? asked : null });
  const c = a.currency;
  const series = ["Base fees", "Minimum spend", ...a.meters.map((m) => m.name)];
  const chart = a.revenue.map((r) => ({
    month: r.month,
    values: [
      r.baseFees.amountMinor,
      r.minimumSpend.amountMinor,
      ...a.meters.map((m) => r.usageByMeter[m.id]?.amountMinor ?? 0),
    ],
  }));
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Analytics</h1>
          <p className="text-sm text-slate-500">
            From finalized invoices, the credit ledger and subscriptions, in {c}. Months by the invoiced
            period&apos;s start (UTC).
          </p>
        </div>
        <nav className="flex gap-2 text-sm">
          {a.currencies.map((code) => (
            <Link
              key={code}
              href={`/admin/analytics?currency=${code}`}
              className={code === c ? "font-semibold" : "text-indigo-700 hover:underline"}
            >
              {code}
            </Link>
          ))}
        </nav>
      </div>
      {!known && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          &ldquo;{asked}&rdquo; is not a currency Meterly knows; showing {c}.
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-4">
        <Stat
          label="MRR (subscription fees)"
          value={a.mrr.formatted}
          hint={`${a.subscriptions} paying subscription(s)`}
          testId="stat-mrr"
        />
        <Stat
          label="Usage run-rate (a month)"
          value={a.usageRunRate.formatted}
          hint={a.runRateMonths.length ? `average of ${a.runRateMonths.join(", ")}` : "no full month yet"}
          testId="stat-run-rate"
        />
        <Stat
          label="Outstanding prepaid credits"
          value={a.credits.outstanding.formatted}
          hint={`owed in service to ${a.credits.wallets} customer(s)`}
          testId="stat-outstanding"
        />
        <Stat
          label="Receivables open"
          value={a.receivables.open.formatted}
          hint={`${a.receivables.overdue.formatted} overdue`}
          testId="stat-open"
        />
      </div>

      <section className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">Revenue by month</h2>
          <Csv table="revenue" currency={c} />
        </div>
        <RevenueChart months={chart} series={series} currency={c} />
        <DataTable
          columns={[
            "Month",
            { label: "Base fees", align: "right" },
            { label: "Usage", align: "right" },
            { label: "Minimum", align: "right" },
            { label: "Credit notes", align: "right" },
            { label: "Total", align: "right" },
          ]}
          testId="revenue-table"
        >
          {a.revenue.map((r) => (
            <tr key={r.month} className="border-t border-slate-100">
              <td className={cell}>{r.month}</td>
              <td className={num}>{r.baseFees.formatted}</td>
              <td className={num}>{r.usage.formatted}</td>
              <td className={num}>{r.minimumSpend.formatted}</td>
              <td className={num}>
                {r.creditNotes.amountMinor ? `−${r.creditNotes.formatted}` : r.creditNotes.formatted}
              </td>
              <td className={`${num} font-medium`}>{r.total.formatted}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-300 font-semibold">
            <td className={cell}>12 months</td>
            <td className={num} colSpan={5} data-testid="revenue-total">
              {a.revenueTotal.formatted}
            </td>
          </tr>
        </DataTable>
      </section>

      <section className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">Credits</h2>
          <Csv table="credits" currency={c} />
        </div>
        <DataTable
          columns={[
            "Month",
            { label: "Sold", align: "right" },
            { label: "Burned", align: "right" },
            { label: "Expired (breakage)", align: "right" },
          ]}
          testId="credits-table"
        >
          {a.credits.months.map((m) => (
            <tr key={m.month} className="border-t border-slate-100">
              <td className={cell}>{m.month}</td>
              <td className={num}>{m.sold.formatted}</td>
              <td className={num}>{m.burned.formatted}</td>
              <td className={num}>{m.expired.formatted}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">Accounts receivable</h2>
          <Csv table="receivables" currency={c} />
        </div>
        <p className="text-sm text-slate-600">
          Open {a.receivables.open.formatted} · overdue {a.receivables.overdue.formatted} · uncollectible{" "}
          {a.receivables.uncollectible.formatted} · {a.receivables.failedPaymentsLast30Days} failed payment(s)
          in the last 30 days. Dunning:{" "}
          {a.receivables.dunning.length === 0
            ? "no retries scheduled."
            : a.receivables.dunning
                .map(
                  (d) =>
                    `${d.invoices} invoice(s) after ${d.failedAttempts} failed attempt(s) (${d.amount.formatted})`,
                )
                .join("; ")}
        </p>
        <DataTable
          columns={[
            "Invoice",
            "Customer",
            "Status",
            { label: "Due", align: "right" },
            "Due date",
            { label: "Days overdue", align: "right" },
            "Next try",
          ]}
          testId="receivables-table"
        >
          {a.receivables.invoices.length === 0 ? (
            <tr>
              <td className={cell} colSpan={7}>
                Nothing is owed.
              </td>
            </tr>
          ) : (
            a.receivables.invoices.map((i) => (
              <tr key={i.invoiceId} className="border-t border-slate-100">
                <td className={cell}>
                  <Link
                    href={`/admin/invoices/${i.customerId}/${i.invoiceId}`}
                    className="text-indigo-700 hover:underline"
                  >
                    {i.number}
                  </Link>
                </td>
                <td className={cell}>{i.customerName}</td>
                <td className={cell}>{i.status}</td>
                <td className={num}>{i.amountDue.formatted}</td>
                <td className={cell}>{i.dueAt?.slice(0, 10) ?? "—"}</td>
                <td className={num}>{i.daysOverdue}</td>
                <td className={cell}>{i.nextAttemptAt?.slice(0, 10) ?? "—"}</td>
              </tr>
            ))
          )}
        </DataTable>
      </section>

      <section className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">Top customers</h2>
          <Csv table="top-customers" currency={c} />
        </div>
        <DataTable
          columns={[
            "Customer",
            { label: "Last 3 months", align: "right" },
            { label: "3 months before", align: "right" },
            "Trend",
          ]}
          testId="top-customers-table"
        >
          {a.topCustomers.map((t) => (
            <tr key={t.customerId} className="border-t border-slate-100">
              <td className={cell}>
                <Link href={`/admin/customers/${t.customerId}`} className="text-indigo-700 hover:underline">
                  {t.name}
                </Link>
              </td>
              <td className={num}>{t.recent.formatted}</td>
              <td className={num}>{t.prior.formatted}</td>
              <td className={cell}>{t.trend}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
