import type { Logo } from "./logo";
import type { PdfRow } from "./invoice-pdf-rows";
import { CONTENT_RIGHT, MARGIN, MUTED, type PdfFlow } from "./pdf-flow";

/** The pieces an invoice and a credit note PDF share: the header, the lines table and its rows. */

export const LEAD = 14;
const TIER_LEAD = 12;
const AMOUNT_COLUMN = 100;
const TIER_AMOUNT_RIGHT = CONTENT_RIGHT - AMOUNT_COLUMN;
export const META_LEFT = 330;
/** From a row's last baseline down to the rule under it, and from the rule to the next baseline. */
const RULE_GAP = 6;
const ROW_GAP = 15;

export function header(flow: PdfFlow, company: string, logo: Logo | null, title: string): void {
  const top = flow.y;
  if (logo) flow.logo(logo, MARGIN, top, 28);
  flow.text(company, MARGIN + (logo ? 38 : 0), { bold: true, size: 18 }, top - 20);
  flow.text(title, CONTENT_RIGHT, { bold: true, size: 20, align: "right" }, top - 20);
  flow.y = top - 56;
}

export function tableHeader(flow: PdfFlow): void {
  flow.text("Description", MARGIN, { bold: true, size: 9, color: MUTED });
  flow.text("Amount", CONTENT_RIGHT, { bold: true, size: 9, color: MUTED, align: "right" });
  flow.rule(flow.y - RULE_GAP);
  flow.y -= RULE_GAP + ROW_GAP;
}

/** Draws `lines` from the cursor down, `lead` apart; returns the last baseline. */
function lines(flow: PdfFlow, texts: string[], x: number, lead: number, style = {}): number {
  let last = flow.y;
  for (const t of texts) {
    flow.text(t, x, style);
    last = flow.y;
    flow.y -= lead;
  }
  return last;
}

export function row(flow: PdfFlow, r: PdfRow): void {
  const description = flow.wrap(r.description, CONTENT_RIGHT - AMOUNT_COLUMN - MARGIN);
  flow.need(description.length * LEAD + (r.tiers.length ? TIER_LEAD : 0));
  // Amounts are drawn after their text, so a reader's copy of the page reads "description amount".
  const first = flow.y;
  let last = lines(flow, description, MARGIN, LEAD);
  flow.text(r.amount, CONTENT_RIGHT, { align: "right" }, first);
  const tierStyle = { size: 8.5, color: MUTED };
  for (const t of r.tiers) {
    const tierLines = flow.wrap(t.text, TIER_AMOUNT_RIGHT - 60 - (MARGIN + 12), tierStyle);
    flow.need(tierLines.length * TIER_LEAD);
    const top = flow.y;
    last = lines(flow, tierLines, MARGIN + 12, TIER_LEAD, tierStyle);
    flow.text(t.amount, TIER_AMOUNT_RIGHT, { ...tierStyle, align: "right" }, top);
  }
  flow.rule(last - RULE_GAP);
  flow.y = last - RULE_GAP - ROW_GAP;
}

/** The addressee on the left; label/value rows on the right (the `strong` label's value in bold). */
export function details(flow: PdfFlow, billTo: string[], meta: [string, string][], strong: string): void {
  const top = flow.y;
  flow.text("Bill to", MARGIN, { bold: true, size: 9, color: MUTED });
  let left = top - LEAD;
  for (const line of billTo.flatMap((l) => flow.wrap(l, META_LEFT - MARGIN - 20))) {
    flow.text(line, MARGIN, {}, left);
    left -= LEAD;
  }
  let right = top;
  for (const [label, value] of meta) {
    flow.text(label, META_LEFT, { size: 9, color: MUTED }, right);
    flow.text(value, CONTENT_RIGHT, { bold: label === strong, align: "right" }, right);
    right -= LEAD;
  }
  flow.y = Math.min(left, right) - 16;
}

/** Label/amount rows under the lines, the last one (what is due, or credited) in bold. */
export function totals(flow: PdfFlow, rows: [string, string][]): void {
  flow.need(rows.length * (LEAD + 2) + 8);
  flow.y -= 8;
  rows.forEach(([label, value], i) => {
    const last = i === rows.length - 1;
    const style = { bold: last, size: last ? 11 : 10 };
    flow.text(label, META_LEFT, style);
    flow.text(value, CONTENT_RIGHT, { ...style, align: "right" });
    flow.y -= LEAD + 2;
  });
}
