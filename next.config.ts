import type { NextConfig } from "next";
import { API_CSP, BASE_HEADERS } from "./lib/security/headers/security-headers";

const nextConfig: NextConfig = {
  // pg and the embedded Postgres are Node-only; keep them out of the bundler.
  serverExternalPackages: ["pg", "@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
  // Fixed security headers on every answer; pages get their CSP (with a nonce) and HSTS from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: BASE_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/v1/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
