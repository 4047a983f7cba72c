import { extractText } from "unpdf";

/** The text of each page of a PDF, as a reader's copy-paste would give it (pdf.js through unpdf). */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of the buffer it reads: give it a copy.
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: false });
  return text;
}
