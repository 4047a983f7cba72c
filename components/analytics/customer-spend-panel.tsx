import type { CurrentUser } from "@/lib/auth/current-user";
import { listInvoices } from "@/lib/billing/list-invoices";
import { forecastForCustomer } from "@/lib/forecast/forecast-for-customer";
import type { CurrencyCode } from "@/lib/money/currencies";
import { CustomerSpendChart } from "./customer-spend-chart";
import { formatMonth } from "@/lib/dates/format-date";


/** On the admin's customer page: its invoiced spend by period (the last 12) and this period's projection with its band. */
export async function CustomerSpendPanel({
  admin,
  customerId,
  currency,
}: {
  admin: CurrentUser;
  customerId: string;
  currency: CurrencyCode;
}) {
  const [invoices, forecast] = await Promise.all([
    listInvoices(admin, { customerId }),
    forecastForCustomer(admin, customerId),
  ]);
  const billed = invoices
    .filter((i) => i.kind === "standard" && i.status !== "void" && i.status !== "draft")
    .slice(0, 12)
    .reverse();
  const points = [
    ...billed.map((i) => ({
      label: formatMonth(i.period.start, { shortYear: true }),
      invoicedMinor: i.total.amountMinor,
      projectedMinor: null,
    })),
    ...(forecast?.projected
      ? [
          {
            label: `${formatMonth(forecast.period.start, { shortYear: true })} (now)`,
            invoicedMinor: null,
            projectedMinor: forecast.projected.total.mid.amountMinor,
          },
        ]
      : []),
  ];
  return (
    <section
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="customer-spend"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">Spend and forecast</h2>
        <p className="text-sm text-slate-600">
          {forecast
            ? forecast.projected
              ? `This period so far ${forecast.soFar.total.formatted}; projected ${forecast.projected.total.mid.formatted} (${forecast.projected.total.low.formatted} – ${forecast.projected.total.high.formatted})`
              : `This period so far ${forecast.soFar.total.formatted}; not enough history for a projection yet`
            : "No plan in force"}
          {forecast &&
            forecast.spikes.length > 0 &&
            ` · ${forecast.spikes.length} spike(s) in the last 7 days`}
        </p>
      </div>
      {points.length === 0 ? (
        <p className="text-sm text-slate-500">No invoices yet.</p>
      ) : (
        <CustomerSpendChart points={points} currency={currency} />
      )}
    </section>
  );
}
