import { sessionRoute } from "@/lib/http/session-route";
import { parseInvoiceStatusParam } from "@/lib/billing/invoice-status-param";
import { listInvoices } from "@/lib/billing/list-invoices";
import { memberCustomerId } from "@/lib/http/member-customer-id";

export const dynamic = "force-dynamic";

/** The signed-in member's own invoices, newest period first (`?status=` filters as the public API does). */
export const GET = sessionRoute(async (req, user) => {
  const status = parseInvoiceStatusParam(new URL(req.url).searchParams.get("status"));
  const invoices = await listInvoices(user, { customerId: memberCustomerId(user, "invoices"), status });
  return Response.json({ invoices: invoices.map(({ customer: _c, ...invoice }) => invoice) });
});
