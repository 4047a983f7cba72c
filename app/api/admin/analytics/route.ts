import { companyAnalytics } from "@/lib/analytics/company-analytics";
import { sessionRoute } from "@/lib/http/session-route";

export const dynamic = "force-dynamic";

/** Admin: the company's revenue analytics as JSON (`?currency=` one currency; default the most used). */
export const GET = sessionRoute(async (req, user) =>
  Response.json(await companyAnalytics(user, { currency: new URL(req.url).searchParams.get("currency") })),
);
