import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { pdfPages } from "@/tests/support/pdf-text";
import { sampleInvoice } from "@/tests/support/sample-invoice";
import { parseSvgLogo } from "./logo";
import { renderInvoicePdf } from "./render-invoice-pdf";

const logo = parseSvgLogo(readFileSync("public/icon.svg", "utf8"));

describe("renderInvoicePdf", () => {
  it("renders the same invoice to the same bytes, dated by the invoice", async () => {
    const invoice = sampleInvoice(3);
    const [a, b] = [await renderInvoicePdf(invoice, { logo }), await renderInvoicePdf(invoice, { logo })];
    expect(Buffer.from(a).toString("latin1").startsWith("%PDF-")).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);

    const doc = await PDFDocument.load(a, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe(invoice.finalizedAt);
    expect(doc.getModificationDate()?.toISOString()).toBe(invoice.finalizedAt);
    expect(doc.getTitle()).toBe("Invoice MTR-2026-000042");
    expect(doc.getProducer()).toBe("Meterly (pdf-lib)");
    expect(doc.getCreator()).toBe("Meterly");
  });

  it("shows the company, the number, the billing details, each charge line with its tiers, and the totals", async () => {
    const [text] = await pdfPages(await renderInvoicePdf(sampleInvoice(1), { logo }));
    const lines = text.split("\n");
    expect(lines[0]).toBe("Meterly Invoice");
    expect(lines).toContain("Invoice number MTR-2026-000042");
    expect(lines).toEqual(
      expect.arrayContaining([
        "Acme Corp • Ltd",
        "1 Market St",
        "94105 San Francisco CA",
        "US",
        "billing@acme.test",
      ]),
    );
    expect(lines).toContain("Pro (v1) base fee, Jan 5, 2026 – Feb 5, 2026 $49.00");
    expect(lines).toContain("LLM tokens 1: 12,000 tokens $10.50");
    expect(lines).toContain("Included (0 - 1,000 tokens): 1,000 tokens $0.00");
    expect(lines).toContain("Tier 1 (1,000 - 11,000 tokens): 10,000 × $0.001 $10.00");
    expect(lines).toContain("Tier 2 (11,000 - 12,000 tokens): 1,000 × $0.0005 $0.50");
    expect(lines).not.toContain(expect.stringContaining("Credits applied $"));
    expect(lines).toEqual(
      expect.arrayContaining(["Total $59.50", "Credits applied -$2.00", "Amount due $57.50"]),
    );
    expect(lines.at(-1)).toBe("Meterly - Invoice MTR-2026-000042 - Page 1 of 1");
  });

  it("continues lines that overflow on further pages, each line once, the totals on the last", async () => {
    const invoice = sampleInvoice(40);
    const pages = await pdfPages(await renderInvoicePdf(invoice));
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.join("\n");
    for (let i = 1; i <= 40; i++)
      expect(all.split(`LLM tokens ${i}: 12,000 tokens $10.50\n`)).toHaveLength(2);
    pages.forEach((page, i) => {
      expect(page.trimEnd().endsWith(`Page ${i + 1} of ${pages.length}`)).toBe(true);
      if (i > 0)
        expect(page.startsWith("Meterly - Invoice MTR-2026-000042 (continued)\nDescription Amount\n")).toBe(
          true,
        );
    });
    expect(pages.at(-1)).toContain("Amount due $467.00");
    expect(pages.slice(0, -1).join("\n")).not.toContain("Amount due");
  });

  it("draws text the standard fonts cannot encode, and the logo, without failing", async () => {
    const invoice = sampleInvoice(1);
    invoice.lines[1] = { ...invoice.lines[1], description: "GPU → 株式会社 ≤ 5 🚀" };
    invoice.billTo = { ...invoice.billTo!, name: "Łukasz Żółć" };
    const text = (
      await pdfPages(await renderInvoicePdf(invoice, { logo, companyName: "Acme – Billing" }))
    ).join("\n");
    expect(text).toContain("GPU -> ???? <= 5 ? $10.50");
    expect(text).toContain("Lukasz Zólc");
    expect(text.startsWith("Acme – Billing Invoice")).toBe(true);
  });

  it("titles a supplement, and subtracts credit notes before the amount due", async () => {
    const invoice = { ...sampleInvoice(1), kind: "supplement" as const, number: "MTR-2026-000042-S1" };
    invoice.creditNotesApplied = { amountMinor: 500, currency: "USD", formatted: "$5.00" };
    invoice.amountDue = { amountMinor: 5250, currency: "USD", formatted: "$52.50" };
    const [text] = await pdfPages(await renderInvoicePdf(invoice));
    expect(text.startsWith("Meterly Supplemental invoice\n")).toBe(true);
    expect(text).toContain(
      "Total $59.50\nCredits applied -$2.00\nCredit notes applied -$5.00\nAmount due $52.50",
    );
  });

  it("says so when the invoice has no charge lines", async () => {
    const invoice = { ...sampleInvoice(0), lines: [] };
    expect((await pdfPages(await renderInvoicePdf(invoice)))[0]).toContain("No charges in this period.");
  });
});

describe("parseSvgLogo", () => {
  it("reads the icon's shapes: the rounded square, the gauge's strokes and its hub", () => {
    expect(logo.width).toBe(32);
    expect(logo.height).toBe(32);
    expect(logo.shapes.map((s) => [s.fill, s.stroke])).toEqual([
      ["#4338ca", null],
      [null, "#a5b4fc"],
      [null, "#fff"],
      [null, "#fff"],
      ["#fff", null],
      [null, "#a5b4fc"],
    ]);
    expect(logo.shapes[0].d).toMatch(/^M7 0H25a7 7 0 0 1 7 7/);
  });

  it("skips shapes that paint nothing", () => {
    const svg = `<svg viewBox="0 0 10 20"><path d="M0 0L1 1" fill="none"/><rect width="2" height="2" fill="none"/></svg>`;
    expect(parseSvgLogo(svg)).toEqual({ width: 10, height: 20, shapes: [] });
  });
});
