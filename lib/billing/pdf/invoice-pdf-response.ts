import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { getInvoice } from "../get-invoice";
import { loadLogo } from "./load-logo";
import { renderCreditNotePdf } from "./render-credit-note-pdf";
import { renderInvoicePdf } from "./render-invoice-pdf";

const CREDIT_NOTE = /^(.+)-CN\d+$/;

/**
 * One of the customer's invoices, or credit notes (<invoice number>-CN<n>), as a PDF download, rendered now (by
 * number, or id). As getInvoice: another customer's invoice is a 404. A draft is a 409: its lines may still
 * change, and it has no number yet.
 */
export async function invoicePdfResponse(
  actor: Actor,
  customerId: string,
  numberOrId: string,
): Promise<Response> {
  const noteOf = CREDIT_NOTE.exec(numberOrId)?.[1];
  const invoice = await getInvoice(actor, customerId, noteOf ?? numberOrId);
  if (invoice.status === "draft")
    throw new AppError("CONFLICT", "A draft invoice has no PDF until it is finalized");
  let bytes: Uint8Array;
  if (noteOf) {
    const note = invoice.creditNotes.find((n) => n.number === numberOrId);
    if (!note) throw new AppError("NOT_FOUND", `No credit note "${numberOrId}"`);
    bytes = await renderCreditNotePdf(invoice, note, { logo: await loadLogo() });
  } else bytes = await renderInvoicePdf(invoice, { logo: await loadLogo() });
  const filename = `${(noteOf ? numberOrId : invoice.number).replace(/[^\w.-]/g, "_")}.pdf`;
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
