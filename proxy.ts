import { NextResponse, type NextRequest } from "next/server";
import { hstsHeader, newNonce, pageCsp } from "@/lib/security/headers/security-headers";

/**
 * Pages only (see `config`): a Content-Security-Policy with a fresh nonce per request, which Next.js reads
 * from the request's CSP header and puts on its own scripts; HSTS in production over https. The fixed
 * headers (nosniff, referrer, permissions, the API's CSP) come from next.config.ts. The API's route
 * handlers (its hot path) never run this.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = pageCsp({ nonce, dev: process.env.NODE_ENV === "development", https: (process.env.APP_URL ?? "").startsWith("https://") });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  const hsts = hstsHeader(process.env);
  if (hsts) response.headers.set(hsts.key, hsts.value);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but the API's route handlers (/api and the Stripe-compatible /v1, which next.config.ts
      // gives a CSP of their own) and build assets.
      source: "/((?!api/|v1/|_next/static/|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
