import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("Request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)), "cache-control": "no-cache, no-store" });
  res.end(body);
}

/** Stripe pretty-prints its JSON responses. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, `${JSON.stringify(body, null, 2)}\n`, { "content-type": "application/json", ...headers });
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, html, { "content-type": "text/html; charset=utf-8" });
}

export function redirect(res: ServerResponse, location: string): void {
  send(res, 303, "", { location });
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
