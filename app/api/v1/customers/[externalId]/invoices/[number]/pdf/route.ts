import { apiKeyRoute } from "@/lib/http/api-route";
import { findCustomerForActor } from "@/lib/customers/find-customer-for-actor";
import { invoicePdfResponse } from "@/lib/billing/pdf/invoice-pdf-response";

export const dynamic = "force-dynamic";

/** A finalized invoice of the customer as a PDF download (`<number>.pdf`); a draft is a 409. A key limited to another customer gets 403. */
export const GET = apiKeyRoute<{ externalId: string; number: string }>(async (_req, actor, { params }) => {
  const { externalId, number } = await params;
  const customer = await findCustomerForActor(actor, externalId);
  return invoicePdfResponse(actor, customer.id, number);
});
