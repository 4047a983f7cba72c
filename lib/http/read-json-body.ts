import { AppError } from "@/lib/errors/app-error";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body as JSON, refusing bodies over the limit (413) and malformed JSON (400). */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  return parseJsonText(await readBodyText(req, maxBytes));
}

/** Reads a request body as UTF-8 text, refusing one over the limit (413), declared or actual. */
export async function readBodyText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Request body is over the ${maxBytes} byte limit`);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError("PAYLOAD_TOO_LARGE", `Request body is over the ${maxBytes} byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a body's text as JSON: an empty body or malformed JSON is a 400 that says which. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === "") throw new AppError("BAD_REQUEST", "Request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("BAD_REQUEST", `Request body is not valid JSON: ${(e as Error).message}`);
  }
}
