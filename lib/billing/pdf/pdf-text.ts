/**
 * Text for the PDF's standard fonts. Helvetica encodes WinAnsi (Windows-1252) only, and pdf-lib throws on
 * any other character, so every string drawn goes through `sanitizeText` first: characters the font
 * encodes are kept (é, –, •, ×, €), known others become their ASCII equivalent (→ "->", − "-"), accented
 * letters outside the set lose their accent (ő → o), and anything else becomes "?".
 */

const ASCII_EQUIVALENTS: Record<string, string> = {
  "\u2010": "-", // hyphen
  "\u2011": "-", // non-breaking hyphen
  "\u2012": "-", // figure dash
  "\u2015": "-", // horizontal bar
  "\u2212": "-", // minus sign
  "\u2043": "-", // hyphen bullet
  "\u2219": "*", // bullet operator
  "\u25CF": "*", // black circle
  "\u25E6": "*", // white bullet
  "\u2192": "->",
  "\u2190": "<-",
  "\u2194": "<->",
  "\u21D2": "=>",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2260": "!=",
  "\u2248": "~",
  "\u221E": "inf",
  "\u2032": "'",
  "\u2033": '"',
  "\u2715": "x",
  "\u2713": "v",
  "\u2714": "v",
  "\u0141": "L", // Ł: letters with a stroke do not decompose
  "\u0142": "l",
  "\u0110": "D",
  "\u0111": "d",
  "\u0131": "i", // dotless i
  "\u2028": " ", // line separator
  "\u2029": " ", // paragraph separator
};

/** Spaces (thin, narrow no-break, ideographic...) the standard fonts lack: drawn as a plain space. */
const SPACES = /[\u2000-\u200A\u202F\u205F\u3000]/;
/** Zero-width characters: dropped. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/;
const COMBINING_MARKS = /\p{M}/gu;

function replacement(ch: string, encodable: ReadonlySet<number>): string {
  if (ASCII_EQUIVALENTS[ch] !== undefined) return ASCII_EQUIVALENTS[ch];
  if (SPACES.test(ch)) return " ";
  if (INVISIBLE.test(ch)) return "";
  if (ch === "\t" || ch === "\n" || ch === "\r") return " ";
  const stripped = ch.normalize("NFKD").replace(COMBINING_MARKS, "");
  if (stripped && [...stripped].every((c) => encodable.has(c.codePointAt(0)!))) return stripped;
  return "?";
}

/** `text` with every character the font cannot encode replaced; `encodable` is the font's character set. */
export function sanitizeText(text: string, encodable: ReadonlySet<number>): string {
  let out = "";
  for (const ch of text.normalize("NFC"))
    out += encodable.has(ch.codePointAt(0)!) ? ch : replacement(ch, encodable);
  return out;
}

type Measure = (text: string) => number;

/** Splits `text` into lines no wider than `maxWidth` (by `width`), at spaces, breaking a word only when it alone is too wide. */
export function wrapText(text: string, width: Measure, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (width(line) > maxWidth && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && width(line.slice(0, cut)) > maxWidth) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
