import Stripe from "stripe";
import { prisma } from "@/lib/db/client";
import { ensureStripeCustomer } from "@/lib/payments/ensure-stripe-customer";
import { startStripeSandbox, type StripeSandbox } from "@/tools/stripe-sandbox/server";
import { serveWebhookRoute, TEST_WEBHOOK_SECRET } from "./stripe-fixtures";

export type PaymentsHarness = { sandbox: StripeSandbox; close(): Promise<void> };

/**
 * The Stripe sandbox on a free port posting signed webhooks to the app's route, and the app's environment
 * pointed at it (call before anything reads env() in the test file).
 */
export async function startPaymentsHarness(): Promise<PaymentsHarness> {
  const route = await serveWebhookRoute();
  const sandbox = await startStripeSandbox({
    port: 0,
    webhookUrl: route.url,
    webhookSecret: TEST_WEBHOOK_SECRET,
    webhookRetryDelaysMs: [50, 100, 200],
  });
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
  const form = new URLSearchParams({
    cardNumber,
    cardExpiry: "12 / 34",
    cardCvc: "123",
    cardName: "Ada Lovelace",
  });
  return fetch(sessionUrl, { method: "POST", body: form, redirect: "manual" });
}

/**
 * Attaches a test card of this number to the customer's Stripe Customer in the sandbox and saves it as the
 * card their invoices are charged to (customer_billing_profiles), as paying through Checkout would.
 */
export async function saveInvoiceCard(
  h: PaymentsHarness,
  customerId: string,
  cardNumber: string,
): Promise<void> {
  const stripe = new Stripe("sk_test_sandbox", { host: "127.0.0.1", port: h.sandbox.port, protocol: "http" });
  const pm = await stripe.paymentMethods.create({
    type: "card",
    card: { number: cardNumber, exp_month: 12, exp_year: 2034, cvc: "123" },
  });
  await stripe.paymentMethods.attach(pm.id, { customer: await ensureStripeCustomer(customerId) });
  const card = { paymentMethodId: pm.id, cardLabel: `visa •••• ${cardNumber.slice(-4)}` };
  await prisma.customerBillingProfile.upsert({
    where: { customerId },
    create: { customerId, ...card },
    update: card,
  });
}
