import { readFileSync } from "node:fs";
import { e2eStripeUrlFile } from "./e2e-database-file";

/**
 * `tsx --conditions=react-server e2e/support/save-card.ts <externalId> <card number>`: attaches a card of this
 * number to the customer in the e2e app's Stripe sandbox and makes it the card its invoices are charged to
 * (as a member's Checkout payment would, but with a card Checkout cannot save, e.g. 4000 0000 0000 0341,
 * which attaches and then declines every charge). For e2e setup only.
 */
async function main() {
  const [externalId, card] = process.argv.slice(2);
  if (!externalId || !card) throw new Error("usage: save-card.ts <externalId> <card number>");
  process.env.STRIPE_SECRET_KEY = "sk_test_sandbox";
  process.env.STRIPE_API_BASE = readFileSync(
    e2eStripeUrlFile(Number(process.env.E2E_PORT ?? 3100)),
    "utf8",
  ).trim();
  const { prisma, closeDb } = await import("@/lib/db/client");
  const { stripeClient } = await import("@/lib/payments/stripe-client");
  const { ensureStripeCustomer } = await import("@/lib/payments/ensure-stripe-customer");
  const customer = await prisma.customer.findUniqueOrThrow({ where: { externalId } });
  const stripe = stripeClient();
  const pm = await stripe.paymentMethods.create({
    type: "card",
    card: { number: card.replace(/\s/g, ""), exp_month: 12, exp_year: 2034, cvc: "123" },
  });
  await stripe.paymentMethods.attach(pm.id, { customer: await ensureStripeCustomer(customer.id) });
  const data = { paymentMethodId: pm.id, cardLabel: `visa •••• ${card.slice(-4)}` };
  await prisma.customerBillingProfile.upsert({
    where: { customerId: customer.id },
    create: { customerId: customer.id, ...data },
    update: data,
  });
  await closeDb();
  console.log(`saved ${data.cardLabel} for ${externalId}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
