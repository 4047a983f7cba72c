import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { config as proxyConfig, proxy } from "@/proxy";
import { API_CSP, BASE_HEADERS, hstsHeader, pageCsp } from "@/lib/security/headers/security-headers";
import { sessionCookies } from "@/lib/security/session-cookies";

const root = path.resolve(import.meta.dirname, "../..");

/** URL paths of every file named `name` under app/, ids filled in, route groups dropped: new routes are covered at once. */
function appPaths(name: "page.tsx" | "route.ts"): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const full = path.join(dir, n);
      return statSync(full).isDirectory() ? walk(full) : n === name ? [full] : [];
    });
  return walk(path.join(root, "app")).map((full) => {
    const dir = path.relative(path.join(root, "app"), path.dirname(full)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
    return "/" + dir.map((s) => (s.startsWith("[") ? "x1" : s)).join("/");
  });
}

const pages = appPaths("page.tsx");
const routes = appPaths("route.ts");

async function configHeaders(url: string): Promise<Headers> {
  return (await unstable_getResponseFromNextConfig({ url: `http://localhost${url}`, nextConfig })).headers;
}

describe("security headers", () => {
  it("finds the app's pages and route handlers", () => {
    expect(pages).toContain("/dashboard");
    expect(pages).toContain("/admin/customers/x1");
    expect(routes).toContain("/api/v1/events");
    expect(routes).toContain("/api/auth/x1");
  });

  it.each(pages)("page %s runs the proxy: a nonce CSP, never framed", async (url) => {
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url })).toBe(true);
    const res = proxy(new NextRequest(`http://localhost${url}`));
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toHaveLength(24);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    // Next.js reads the nonce from the request's CSP header while rendering.
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    const fixed = await configHeaders(url);
    for (const h of BASE_HEADERS) expect(fixed.get(h.key), h.key).toBe(h.value);
    expect(fixed.get("content-security-policy")).toBeNull();
  });

  it("a fresh nonce on every request", () => {
    const csp = () => proxy(new NextRequest("http://localhost/dashboard")).headers.get("content-security-policy");
    expect(csp()).not.toBe(csp());
  });

  it.each(routes)("route %s gets the fixed headers and one CSP: the API's deny-all, or a page's", async (url) => {
    const h = await configHeaders(url);
    for (const b of BASE_HEADERS) expect(h.get(b.key), b.key).toBe(b.value);
    const proxied = unstable_doesMiddlewareMatch({ config: proxyConfig, url });
    // The API (its hot path included) never runs the proxy; other handlers (e.g. a page's script) may.
    if (url.startsWith("/api/") || url.startsWith("/v1/")) expect(proxied).toBe(false);
    expect(h.get("content-security-policy")).toBe(proxied ? null : API_CSP);
  });

  it("static files get the fixed headers without running the proxy", async () => {
    for (const url of ["/_next/static/chunks/main.js", "/icon.svg"]) {
      expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url })).toBe(false);
      expect((await configHeaders(url)).get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("HSTS only in production over https; never for the http loopback demo", () => {
    expect(hstsHeader({ NODE_ENV: "production", APP_URL: "https://billing.example.com" })?.value).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(hstsHeader({ NODE_ENV: "production", APP_URL: "http://localhost:3000" })).toBeNull();
    expect(hstsHeader({ NODE_ENV: "development", APP_URL: "https://billing.example.com" })).toBeNull();
    expect(proxy(new NextRequest("http://localhost/dashboard")).headers.get("strict-transport-security")).toBeNull();
  });

  it("development alone allows eval (React's overlay); https alone upgrades requests", () => {
    expect(pageCsp({ nonce: "n", dev: true, https: false })).toContain("'unsafe-eval'");
    expect(pageCsp({ nonce: "n", dev: false, https: true })).toContain("upgrade-insecure-requests");
    expect(pageCsp({ nonce: "n", dev: false, https: false })).not.toContain("upgrade-insecure-requests");
  });

  it("session cookies: HttpOnly and SameSite=Lax always, Secure (with __Secure- names) over https only", () => {
    const https = sessionCookies("https://billing.example.com");
    expect(https.useSecureCookies).toBe(true);
    expect(https.cookies.sessionToken).toEqual({ name: "__Secure-next-auth.session-token", options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } });
    expect(https.cookies.csrfToken?.name).toBe("__Host-next-auth.csrf-token");
    const http = sessionCookies("http://127.0.0.1:3000");
    expect(http.useSecureCookies).toBe(false);
    expect(http.cookies.sessionToken).toEqual({ name: "next-auth.session-token", options: { httpOnly: true, sameSite: "lax", path: "/", secure: false } });
    for (const c of Object.values(http.cookies)) expect(c.options).toMatchObject({ httpOnly: true, sameSite: "lax" });
  });
});
