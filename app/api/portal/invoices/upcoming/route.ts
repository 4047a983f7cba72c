import { sessionRoute } from "@/lib/http/session-route";
import { memberCustomerId } from "@/lib/http/member-customer-id";
import { requireUpcomingInvoice } from "@/lib/billing/require-upcoming-invoice";

export const dynamic = "force-dynamic";

/** The signed-in member's upcoming invoice, the current period so far (the Invoices page refreshes from here); 404 without a subscription. */
export const GET = sessionRoute(async (_req, user) =>
  Response.json(await requireUpcomingInvoice(user, memberCustomerId(user, "invoices"))),
);
