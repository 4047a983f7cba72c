type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export type RawRequest = {
  method: string;
  url: string;
  /** Sent as given: no content-type is added (a missing one is part of what is tested). */
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
  params?: Record<string, string>;
};

export type RawAnswer = { status: number; contentType: string; text: string; json: any; ms: number };

export class RouteHung extends Error {
  override name = "RouteHung";
}

/**
 * Calls a route handler in-process, as call-route.ts does, but with the body as bytes, text or FormData
 * and the headers exactly as given; answers the status, the text and its JSON (null if it is not JSON).
 * A handler that has not answered within `timeoutMs` is a RouteHung: a hang is a failure, never a wait.
 */
export async function callRaw(handler: Handler<Record<string, string>>, r: RawRequest, timeoutMs = 20_000): Promise<RawAnswer> {
  const started = Date.now();
  const req = new Request(r.url, { method: r.method, headers: r.headers ?? {}, body: r.body as BodyInit | undefined });
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RouteHung(`${r.method} ${r.url.slice(0, 200)} gave no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const res = await Promise.race([handler(req, { params: Promise.resolve(r.params ?? {}) }), hung]);
    const text = await Promise.race([res.text(), hung]);
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, json, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
