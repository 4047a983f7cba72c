const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The base URL a payment page sends the member back to: the origin they are on (`candidate`, from the
 * request's Origin or Host) when it is APP_URL's origin or, for a loopback APP_URL, a loopback alias of it
 * (localhost, 127.0.0.1, [::1] with the same scheme and port); anything else is APP_URL's origin, so a
 * header can never send a member to a host the operator did not configure. APP_URL's path, if any, is kept.
 */
export function returnOrigin(candidate: string | null | undefined, appUrl: string): string {
  const app = new URL(appUrl);
  const path = app.pathname.replace(/\/+$/, "");
  if (!candidate) return app.origin + path;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return app.origin + path;
  }
  const alias =
    LOOPBACK.has(app.hostname) &&
    LOOPBACK.has(url.hostname) &&
    url.protocol === app.protocol &&
    url.port === app.port &&
    !url.username &&
    !url.password;
  return (alias ? url.origin : app.origin) + path;
}

/** The origin a request says it came from: its Origin header, else its Host (with APP_URL's scheme). */
export function requestOriginOf(h: { get(name: string): string | null }, appUrl: string): string | null {
  const origin = h.get("origin");
  if (origin && origin !== "null") return origin;
  const host = h.get("host");
  return host ? `${new URL(appUrl).protocol}//${host}` : null;
}
