import { sessionRoute } from "@/lib/http/session-route";
import { memberCustomerId } from "@/lib/http/member-customer-id";
import { invoicePdfResponse } from "@/lib/billing/pdf/invoice-pdf-response";

export const dynamic = "force-dynamic";

/** One of the signed-in member's finalized invoices as a PDF download; another customer's is a 404, a draft a 409. */
export const GET = sessionRoute<{ number: string }>(async (_req, user, { params }) =>
  invoicePdfResponse(user, memberCustomerId(user, "invoices"), (await params).number),
);
