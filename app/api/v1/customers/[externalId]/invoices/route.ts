import { apiKeyRoute } from "@/lib/http/api-route";
import { findCustomerForActor } from "@/lib/customers/find-customer-for-actor";
import { parseInvoiceStatusParam } from "@/lib/billing/invoice-status-param";
import { listInvoices } from "@/lib/billing/list-invoices";

export const dynamic = "force-dynamic";

/**
 * The customer's invoices, newest period first, without their lines (`?status=draft|open|paid|void|uncollectible`
 * filters; another value is a 422 naming `status`). A key limited to another customer gets 403.
 */
export const GET = apiKeyRoute<{ externalId: string }>(async (req, actor, { params }) => {
  const status = parseInvoiceStatusParam(new URL(req.url).searchParams.get("status"));
  const customer = await findCustomerForActor(actor, (await params).externalId);
  const invoices = await listInvoices(actor, { customerId: customer.id, status });
  return Response.json({
    customer: customer.externalId,
    invoices: invoices.map(({ customer: _c, ...invoice }) => invoice),
  });
});
