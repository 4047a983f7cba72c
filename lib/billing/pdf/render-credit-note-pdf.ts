import { PDFDocument } from "pdf-lib";
import type { CreditNoteDto, InvoiceDetail } from "../get-invoice";
import { creditNoteMetaRows, creditNoteRows, creditNoteTotalRows } from "./credit-note-pdf-rows";
import { billToLines } from "./invoice-pdf-rows";
import { MARGIN, MUTED, PdfFlow } from "./pdf-flow";
import { details, header, LEAD, row, tableHeader, totals } from "./pdf-sections";
import { COMPANY_NAME, type InvoicePdfOptions } from "./render-invoice-pdf";

/**
 * A credit note as a PDF, laid out as its invoice is: the addressee, the note's number, the invoice it credits
 * and the reason, the lines it changed, where the credit went and the total. Dated by the note, so the same
 * note gives the same bytes (a pending card refund's wording changes once it is made).
 */
export async function renderCreditNotePdf(
  invoice: InvoiceDetail,
  note: CreditNoteDto,
  opts: InvoicePdfOptions = {},
): Promise<Uint8Array> {
  const company = opts.companyName ?? COMPANY_NAME;
  const issued = new Date(note.createdAt);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Credit note ${note.number}`);
  doc.setAuthor(company);
  doc.setCreator(company);
  doc.setProducer(`${company} (pdf-lib)`);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const flow = await PdfFlow.start(doc);
  header(flow, company, opts.logo ?? null, "Credit note");
  details(flow, billToLines(invoice), creditNoteMetaRows(invoice, note), "Number");
  for (const line of flow.wrap(`Reason: ${note.reason}`, 480)) {
    flow.text(line, MARGIN, { color: MUTED });
    flow.y -= LEAD;
  }
  flow.y -= LEAD;
  flow.onNewPage = () => {
    flow.text(`${company} - Credit note ${note.number} (continued)`, MARGIN, { size: 9, color: MUTED });
    flow.y -= 2 * LEAD;
    tableHeader(flow);
  };
  tableHeader(flow);
  for (const r of creditNoteRows(note)) row(flow, r);
  totals(flow, creditNoteTotalRows(note));
  flow.footers(`${company} - Credit note ${note.number} - `);
  return doc.save();
}
