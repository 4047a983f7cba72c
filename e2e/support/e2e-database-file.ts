import path from "node:path";

/** Where scripts/e2e-server.ts leaves the URL of the database it serves on `port` (git-ignored; removed on exit). */
export function e2eDatabaseUrlFile(port: number): string {
  return path.resolve(".test-results", `e2e-database-${port}.url`);
}

/** Where scripts/e2e-server.ts leaves the URL of the Stripe sandbox the app on `port` pays through (removed on exit). */
export function e2eStripeUrlFile(port: number): string {
  return path.resolve(".test-results", `e2e-stripe-${port}.url`);
}
