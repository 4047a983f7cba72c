import { assertAdmin } from "@/lib/auth/assert-role";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { sessionRoute } from "@/lib/http/session-route";
import { invoicePdfResponse } from "@/lib/billing/pdf/invoice-pdf-response";

export const dynamic = "force-dynamic";

type P = { customerId: string; number: string };

/**
 * Admin: one of a customer's finalized invoices (by number, or id) as a PDF download. Members are refused (403),
 * even for their own customer's invoice (the portal route is theirs); an unknown customer or invoice is a 404,
 * a draft a 409.
 */
export const GET = sessionRoute<P>(async (_req, user, { params }) => {
  assertAdmin(user);
  const { customerId, number } = await params;
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", "No such customer");
  return invoicePdfResponse(user, customerId, number);
});
