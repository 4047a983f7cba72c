import { PDFDocument, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { sanitizeText, wrapText } from "./pdf-text";

describe("sanitizeText", () => {
  let helvetica: Awaited<ReturnType<PDFDocument["embedFont"]>>;
  let encodable: ReadonlySet<number>;
  beforeAll(async () => {
    helvetica = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    encodable = new Set(helvetica.getCharacterSet());
  });

  it.each([
    ["plain ASCII", "Invoice MTR-2026-000042: $1,234.56", "Invoice MTR-2026-000042: $1,234.56"],
    [
      "WinAnsi punctuation kept (en dash, bullet, quotes, ×, €)",
      "Jan 5 – Feb 5 • “Pro” 3 × €2",
      "Jan 5 – Feb 5 • “Pro” 3 × €2",
    ],
    ["Latin-1 letters kept", "Müller Straße, Besançon", "Müller Straße, Besançon"],
    ["arrows and maths to ASCII", "A → B ≤ 5 − 2 ≈ 3", "A -> B <= 5 - 2 ~ 3"],
    ["letters outside WinAnsi lose their accent or stroke", "Łódź, Kraków, Đorđe", "Lódz, Kraków, Dorde"],
    ["narrow and thin spaces to a space", "1\u202F000\u2009kg", "1 000 kg"],
    ["zero-width characters dropped", "Me\u200Bter\uFEFFly", "Meterly"],
    ["control whitespace to a space", "line\none\ttab", "line one tab"],
    ["CJK and emoji to ?", "株式会社 🚀", "???? ?"],
    ["decomposed accents composed first", "Cafe\u0301", "Café"],
  ])("%s", (_name, input, expected) => {
    const out = sanitizeText(input, encodable);
    expect(out).toBe(expected);
    expect(() => helvetica.encodeText(out)).not.toThrow();
  });

  it("what it returns always encodes, whatever the input", () => {
    const all = Array.from({ length: 0x3000 }, (_, i) => String.fromCodePoint(i + 1)).join("");
    expect(() => helvetica.encodeText(sanitizeText(all, encodable))).not.toThrow();
  });
});

describe("wrapText", () => {
  const width = (s: string) => s.length;

  it("breaks at spaces within the width, keeping words whole", () => {
    expect(wrapText("one two three four", width, 9)).toEqual(["one two", "three", "four"]);
  });

  it("breaks a word only when it alone is wider", () => {
    expect(wrapText("abcdefghij xy", width, 4)).toEqual(["abcd", "efgh", "ij", "xy"]);
  });

  it("gives one empty line for empty text", () => {
    expect(wrapText("", width, 10)).toEqual([""]);
  });
});
