import "server-only";
import { env } from "@/lib/env";

/** Payments are on when a Stripe key is set. */
export function paymentsEnabled(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

/** "test payments": the local Stripe sandbox, or a Stripe test-mode key (no real money moves). */
export function isTestPayments(): boolean {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_BASE: base } = env();
  if (!key) return false;
  return Boolean(base) || key.startsWith("sk_test_") || key.startsWith("rk_test_");
}
