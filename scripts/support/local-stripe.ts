import path from "node:path";
import { randomBytes } from "node:crypto";
import { startStripeSandbox, type StripeSandbox } from "@/tools/stripe-sandbox/server";
import { localSecret } from "./local-secret";

export type LocalStripe = { sandbox: StripeSandbox; env: { STRIPE_SECRET_KEY: string; STRIPE_API_BASE: string; STRIPE_WEBHOOK_SECRET: string } };

/**
 * Payments without Stripe keys: the project's Stripe-compatible sandbox, posting signed webhooks to the
 * app's /api/webhooks/stripe, and the environment that points the app at it ("test payments"). With a data
 * dir, the sandbox keeps its state and the webhook secret there across restarts; without, both are fresh.
 */
export async function startLocalStripe(opts: { appUrl: string; dataDir?: string; port?: number }): Promise<LocalStripe> {
  const secret = `whsec_${opts.dataDir ? localSecret(opts.dataDir, "stripe-webhook-secret") : randomBytes(24).toString("hex")}`;
  const sandbox = await startStripeSandbox({
    port: opts.port ?? 0,
    webhookUrl: `${opts.appUrl.replace(/\/$/, "")}/api/webhooks/stripe`,
    webhookSecret: secret,
    stateFile: opts.dataDir ? path.join(opts.dataDir, "stripe-sandbox.json") : undefined,
  });
  return { sandbox, env: { STRIPE_SECRET_KEY: "sk_test_sandbox", STRIPE_API_BASE: sandbox.url, STRIPE_WEBHOOK_SECRET: secret } };
}
