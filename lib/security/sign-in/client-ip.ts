type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The client's IP address as the server saw it. `next start` sets X-Forwarded-For to the socket's address
 * unless the request already carries one; a reverse proxy (nginx's $proxy_add_x_forwarded_for) appends the
 * address it saw, so the last entry is the one the nearest hop vouches for. Without a proxy a client can
 * send its own X-Forwarded-For: the per-IP limit is then only as good as that (README, Security).
 */
export function clientIp(headers: HeaderBag): string {
  const forwarded = header(headers, "x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  const ip = last ?? header(headers, "x-real-ip")?.trim();
  return ip ? ip.slice(0, 64) : "unknown";
}
