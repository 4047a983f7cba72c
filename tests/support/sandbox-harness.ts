import { startStripeSandbox, type StripeSandbox } from "@/tools/stripe-sandbox/server";
import { serveWebhookRoute, TEST_WEBHOOK_SECRET } from "./stripe-fixtures";

export type PaymentsHarness = { sandbox: StripeSandbox; close(): Promise<void> };

/**
 * The Stripe sandbox on a free port posting signed webhooks to the app's route, and the app's environment
 * pointed at it (call before anything reads env() in the test file).
 */
export async function startPaymentsHarness(): Promise<PaymentsHarness> {
  const route = await serveWebhookRoute();
  const sandbox = await startStripeSandbox({ port: 0, webhookUrl: route.url, webhookSecret: TEST_WEBHOOK_SECRET, webhookRetryDelaysMs: [50, 100, 200] });
  process.env.STRIPE_SECRET_KEY = "sk_test_sandbox";
  process.env.STRIPE_API_BASE = sandbox.url;
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
  process.env.APP_URL = "http://app.test";
  return {
    sandbox,
    async close() {
      await sandbox.close();
      await route.close();
    },
  };
}

/** Fills in and posts the sandbox's hosted payment page as a browser would. */
export function payOnHostedPage(sessionUrl: string, cardNumber: string): Promise<Response> {
  const form = new URLSearchParams({ cardNumber, cardExpiry: "12 / 34", cardCvc: "123", cardName: "Ada Lovelace" });
  return fetch(sessionUrl, { method: "POST", body: form, redirect: "manual" });
}
