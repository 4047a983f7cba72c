import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and the embedded Postgres are Node-only; keep them out of the bundler.
  serverExternalPackages: ["pg", "@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
