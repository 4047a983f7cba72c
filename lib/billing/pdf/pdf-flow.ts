import {
  LineCapStyle,
  PageSizes,
  StandardFonts,
  rgb,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from "pdf-lib";
import type { Logo } from "./logo";
import { sanitizeText, wrapText } from "./pdf-text";

export const MARGIN = 50;
const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
export const CONTENT_RIGHT = PAGE_WIDTH - MARGIN;
/** Below this, nothing but the footer is drawn. */
const CONTENT_BOTTOM = MARGIN + 24;

export const INK = rgb(0.06, 0.09, 0.16);
export const MUTED = rgb(0.39, 0.45, 0.55);
export const RULE = rgb(0.89, 0.91, 0.94);

export type TextStyle = {
  bold?: boolean;
  size?: number;
  color?: ReturnType<typeof rgb>;
  align?: "left" | "right";
};

/** "#4338ca" or "#fff"; anything else (a named color) is drawn in ink. */
function hexColor(hex: string) {
  const h = hex.replace("#", "");
  if (!/^([0-9a-f]{3}){1,2}$/i.test(h)) return INK;
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  const n = parseInt(full, 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/**
 * Top-to-bottom drawing on A4 pages with a cursor (`y`, the baseline of the next line): text through the
 * WinAnsi sanitizer, wrapping, rules, and a new page (with `onNewPage` drawing its top) when a block does not fit.
 */
export class PdfFlow {
  page!: PDFPage;
  y = 0;
  private readonly encodable: ReadonlySet<number>;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.encodable = new Set(regular.getCharacterSet());
  }

  /** Called after each page break, to draw the repeated top (the table's header) of the new page. */
  onNewPage: () => void = () => {};

  static async start(doc: PDFDocument): Promise<PdfFlow> {
    const flow = new PdfFlow(
      doc,
      await doc.embedFont(StandardFonts.Helvetica),
      await doc.embedFont(StandardFonts.HelveticaBold),
    );
    flow.addPage();
    return flow;
  }

  private addPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  clean(text: string): string {
    return sanitizeText(text, this.encodable);
  }

  width(text: string, style: TextStyle = {}): number {
    return (style.bold ? this.bold : this.regular).widthOfTextAtSize(this.clean(text), style.size ?? 10);
  }

  /** Starts a new page when fewer than `height` points are left above the footer. */
  need(height: number): void {
    if (this.y - height >= CONTENT_BOTTOM) return;
    this.addPage();
    this.onNewPage();
  }

  /** Draws one line of text with its baseline at `y` (default: the cursor); `x` is its right edge when right-aligned. */
  text(text: string, x: number, style: TextStyle = {}, y = this.y): void {
    const clean = this.clean(text);
    const size = style.size ?? 10;
    const font = style.bold ? this.bold : this.regular;
    const left = style.align === "right" ? x - font.widthOfTextAtSize(clean, size) : x;
    this.page.drawText(clean, { x: left, y, size, font, color: style.color ?? INK });
  }

  wrap(text: string, maxWidth: number, style: TextStyle = {}): string[] {
    return wrapText(this.clean(text), (t) => this.width(t, style), maxWidth);
  }

  rule(y = this.y): void {
    this.page.drawLine({
      start: { x: MARGIN, y },
      end: { x: CONTENT_RIGHT, y },
      thickness: 0.75,
      color: RULE,
    });
  }

  /** The logo `size` points high with its top-left corner at (x, top). */
  logo(logo: Logo, x: number, top: number, size: number): void {
    const scale = size / logo.height;
    for (const s of logo.shapes) {
      this.page.drawSvgPath(s.d, {
        x,
        y: top,
        scale,
        color: s.fill ? hexColor(s.fill) : undefined,
        borderColor: s.stroke ? hexColor(s.stroke) : undefined,
        borderWidth: s.stroke ? s.strokeWidth : 0,
        borderLineCap: s.roundCap ? LineCapStyle.Round : undefined,
      });
    }
  }

  /** Writes "<prefix>Page n of m" at the bottom of every page. */
  footers(prefix: string): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      this.page = page;
      this.text(
        `${prefix}Page ${i + 1} of ${pages.length}`,
        CONTENT_RIGHT,
        { size: 8, color: MUTED, align: "right" },
        MARGIN,
      );
    });
  }
}
