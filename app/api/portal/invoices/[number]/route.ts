import { sessionRoute } from "@/lib/http/session-route";
import { memberCustomerId } from "@/lib/http/member-customer-id";
import { getInvoice } from "@/lib/billing/get-invoice";

export const dynamic = "force-dynamic";

/** One of the signed-in member's invoices with its lines, by number or id; another customer's is a 404. */
export const GET = sessionRoute<{ number: string }>(async (_req, user, { params }) => {
  const { customer: _c, ...invoice } = await getInvoice(
    user,
    memberCustomerId(user, "invoices"),
    (await params).number,
  );
  return Response.json(invoice);
});
