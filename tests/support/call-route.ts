type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** Calls an exported route handler with a real Request, as Next.js would. */
export async function callRoute<P extends Record<string, string> = Record<string, string>>(
  handler: Handler<P>,
  opts: { method?: string; url?: string; key?: string | null; body?: unknown; rawBody?: string; params?: P; headers?: Record<string, string> },
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const req = new Request(opts.url ?? "http://localhost/api/test", { method: opts.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? ({} as P)) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
