import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { getInvoice } from "../get-invoice";
import { loadLogo } from "./load-logo";
import { renderInvoicePdf } from "./render-invoice-pdf";

/**
 * One of the customer's invoices as a PDF download, rendered now (by number, or id). As getInvoice: another
 * customer's invoice is a 404. A draft is a 409: its lines may still change, and it has no number yet.
 */
export async function invoicePdfResponse(
  actor: Actor,
  customerId: string,
  numberOrId: string,
): Promise<Response> {
  const invoice = await getInvoice(actor, customerId, numberOrId);
  if (invoice.status === "draft")
    throw new AppError("CONFLICT", "A draft invoice has no PDF until it is finalized");
  const bytes = await renderInvoicePdf(invoice, { logo: await loadLogo() });
  const filename = `${invoice.number.replace(/[^\w.-]/g, "_")}.pdf`;
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "content-length": String(bytes.length),
      // The status printed on it changes when the invoice is paid or voided.
      "cache-control": "private, no-cache",
    },
  });
}
