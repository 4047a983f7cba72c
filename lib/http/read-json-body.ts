import { AppError } from "@/lib/errors/app-error";
import { INVALID_INPUT } from "@/lib/errors/to-app-error";
import { unstorableText } from "@/lib/errors/unstorable-text";

export const MAX_BODY_BYTES = 1024 * 1024;

/** A refusal of the whole body, naming it as the field ("(body)", as zodProblems does) and the rule it broke. */
function bodyError(code: "BAD_REQUEST" | "PAYLOAD_TOO_LARGE", rule: string, message: string): AppError {
  return new AppError(code, message, { problems: [{ field: "(body)", rule, message }] });
}

/**
 * Reads a request body as JSON, refusing bodies over the limit (413), malformed JSON (400) and text the
 * database cannot store, NUL or a lone surrogate in any string or key (422 naming where).
 */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const body = parseJsonText(await readBodyText(req, maxBytes));
  const unstorable = unstorableText(body, "");
  if (unstorable) throw new AppError("UNPROCESSABLE", INVALID_INPUT, { problems: [unstorable] });
  return body;
}

/** Reads a request body as UTF-8 text, refusing one over the limit (413), declared or actual. */
export async function readBodyText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw bodyError("PAYLOAD_TOO_LARGE", "max_bytes", `Request body is over the ${maxBytes} byte limit`);
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
      throw bodyError("PAYLOAD_TOO_LARGE", "max_bytes", `Request body is over the ${maxBytes} byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a body's text as JSON: an empty body or malformed JSON is a 400 that says which. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === "") throw bodyError("BAD_REQUEST", "required", "Request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw bodyError("BAD_REQUEST", "json", `Request body is not valid JSON: ${(e as Error).message}`);
  }
}
