import "server-only";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { stripeClient } from "./stripe-client";

/**
 * The customer's Stripe Customer id, creating it on first use (outside any transaction). Concurrent first
 * uses share one Stripe Customer through the idempotency key; the first id stored wins.
 */
export async function ensureStripeCustomer(customerId: string): Promise<string> {
  const customer = await prisma.customer.findUnique({ where: { id: customerId }, select: { id: true, name: true, externalId: true, stripeCustomerId: true } });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  if (customer.stripeCustomerId) return customer.stripeCustomerId;
  const created = await stripeClient().customers.create(
    { name: customer.name, metadata: { meterly_customer_id: customer.id, meterly_external_id: customer.externalId } },
    { idempotencyKey: `customer:${customer.id}` },
  );
  await prisma.customer.updateMany({ where: { id: customer.id, stripeCustomerId: null }, data: { stripeCustomerId: created.id } });
  const stored = await prisma.customer.findUnique({ where: { id: customer.id }, select: { stripeCustomerId: true } });
  return stored?.stripeCustomerId ?? created.id;
}
