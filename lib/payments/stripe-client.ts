import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

const globalForStripe = globalThis as unknown as { __meterlyStripe?: { config: string; client: Stripe } };

/**
 * The one Stripe client: STRIPE_SECRET_KEY, and STRIPE_API_BASE when set (the local sandbox, e.g.
 * http://127.0.0.1:12111; unset: api.stripe.com). 503 when payments are not configured.
 */
export function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_BASE: base } = env();
  if (!key) throw new AppError("UNAVAILABLE", "Payments are not configured on this server (STRIPE_SECRET_KEY is not set)");
  const config = `${key}|${base ?? ""}`;
  const cached = globalForStripe.__meterlyStripe;
  if (cached?.config === config) return cached.client;
  const client = new Stripe(key, { ...apiHost(base), telemetry: false, maxNetworkRetries: 2 });
  globalForStripe.__meterlyStripe = { config, client };
  return client;
}

function apiHost(base: string | undefined): { host?: string; port?: number; protocol?: "http" | "https" } {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443, protocol };
}

/** The webhook signing secret; throws (the route answers 503 and logs) when it is missing. */
export function webhookSecret(): string {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    console.error("Stripe webhook refused: STRIPE_WEBHOOK_SECRET is not set, so no event can be verified");
    throw new AppError("UNAVAILABLE", "Stripe webhooks cannot be verified: STRIPE_WEBHOOK_SECRET is not set");
  }
  return secret;
}
