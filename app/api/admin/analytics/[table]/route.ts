import { analyticsCsv, ANALYTICS_TABLES, type AnalyticsTable } from "@/lib/analytics/analytics-csv";
import { companyAnalytics } from "@/lib/analytics/company-analytics";
import { AppError } from "@/lib/errors/app-error";
import { sessionRoute } from "@/lib/http/session-route";

export const dynamic = "force-dynamic";

/** Admin: one analytics table as a CSV download (revenue, credits, receivables, top-customers; `?currency=`). */
export const GET = sessionRoute<{ table: string }>(async (req, user, { params }) => {
  const name = (await params).table.replace(/\.csv$/, "");
  if (!(ANALYTICS_TABLES as readonly string[]).includes(name))
    throw new AppError("NOT_FOUND", `No analytics table "${name}": one of ${ANALYTICS_TABLES.join(", ")}`);
  const analytics = await companyAnalytics(user, { currency: new URL(req.url).searchParams.get("currency") });
  return new Response(analyticsCsv(analytics, name as AnalyticsTable), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="meterly-${name}-${analytics.currency}.csv"`,
      "cache-control": "private, no-cache",
    },
  });
});
