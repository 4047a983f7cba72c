/**
 * The security headers of every answer (next.config.ts sets the fixed ones at build time; proxy.ts sets
 * the per-request page CSP and HSTS at run time). Pure: no secrets, no I/O.
 */
export type Header = { key: string; value: string };

/** On every answer: pages, route handlers, static files. */
export const BASE_HEADERS: Header[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Route handlers answer JSON, CSV or PDF: nothing in them may run, load or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A page's policy. Scripts: only those carrying this request's nonce (Next.js puts it on its own scripts,
 * read from this header) and what they load ('strict-dynamic'); 'unsafe-eval' only in development, where
 * React's error overlay needs it. Styles: our stylesheet plus inline style attributes, which React, recharts
 * and Tailwind's arbitrary values write ('unsafe-inline' for style only; a nonce cannot cover style
 * attributes, and with a nonce in style-src browsers would ignore 'unsafe-inline'). Everything else from
 * this origin only; never framed.
 */
export function pageCsp(opts: { nonce: string; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * HSTS only in production behind an https APP_URL. Never over plain http, and never for the loopback demo:
 * a browser keeps HSTS for the host name on every port, so `localhost` would turn https-only for every
 * other app its user runs there.
 */
export function hstsHeader(env: { NODE_ENV?: string; APP_URL?: string }): Header | null {
  if (env.NODE_ENV !== "production" || !env.APP_URL?.startsWith("https://")) return null;
  return { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };
}

/** A fresh nonce for one request: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
