import { PDFDocument } from "pdf-lib";
import type { InvoiceDto } from "../invoice-dto";
import { billToLines, metaRows, pdfRows, totalRows } from "./invoice-pdf-rows";
import type { Logo } from "./logo";
import { MARGIN, MUTED, PdfFlow } from "./pdf-flow";
import { details, header, LEAD, row, tableHeader, totals } from "./pdf-sections";

/** The name printed at the top of every invoice. */
export const COMPANY_NAME = "Meterly";

export type InvoicePdfOptions = { companyName?: string; logo?: Logo | null };

/**
 * The invoice as a PDF (A4, Helvetica, the logo as vectors), the same bytes for the same invoice: the
 * document's dates are the invoice's (finalized, else the period's end; modified when paid), and nothing
 * else varies. Lines that overflow continue on further pages under a repeated table header.
 */
export async function renderInvoicePdf(
  invoice: InvoiceDto,
  opts: InvoicePdfOptions = {},
): Promise<Uint8Array> {
  const company = opts.companyName ?? COMPANY_NAME;
  const issued = new Date(invoice.finalizedAt ?? invoice.period.end);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Invoice ${invoice.number}`);
  doc.setAuthor(company);
  doc.setCreator(company);
  doc.setProducer(`${company} (pdf-lib)`);
  doc.setCreationDate(issued);
  doc.setModificationDate(invoice.paidAt ? new Date(invoice.paidAt) : issued);

  const flow = await PdfFlow.start(doc);
  header(
    flow,
    company,
    opts.logo ?? null,
    invoice.kind === "supplement" ? "Supplemental invoice" : "Invoice",
  );
  details(flow, billToLines(invoice), metaRows(invoice), "Invoice number");
  flow.onNewPage = () => {
    flow.text(`${company} - Invoice ${invoice.number} (continued)`, MARGIN, { size: 9, color: MUTED });
    flow.y -= 2 * LEAD;
    tableHeader(flow);
  };
  tableHeader(flow);
  const rows = pdfRows(invoice);
  if (rows.length === 0) {
    flow.text("No charges in this period.", MARGIN, { color: MUTED });
    flow.y -= LEAD;
  }
  for (const r of rows) row(flow, r);
  totals(flow, totalRows(invoice));
  flow.footers(`${company} - Invoice ${invoice.number} - `);
  return doc.save();
}
