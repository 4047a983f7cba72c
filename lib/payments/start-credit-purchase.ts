import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { lockOrCreateWallet } from "@/lib/ledger/wallet";
import { prismaSql } from "@/lib/db/sql";
import { returnOrigin } from "@/lib/http/return-origin";
import { ensureStripeCustomer } from "./ensure-stripe-customer";
import { purchaseMetadata } from "./purchase-metadata";
import { stripeClient } from "./stripe-client";

const input = z.strictObject({
  packId: z.uuid("packId must be a credit pack id"),
  /** Save the card for auto-recharge (setup_future_usage=off_session). */
  saveCard: z.boolean().default(false),
});

export type StartedPurchase = { purchaseId: string; checkoutUrl: string };

/**
 * A member buys a credit pack: a PENDING purchase (price and credits fixed now), then a Stripe Checkout
 * Session in payment mode carrying the customer, pack and purchase ids (client_reference_id and metadata,
 * on the session and its PaymentIntent). Credits land when Stripe's webhook says it was paid, never here.
 * Stripe is called outside any transaction; a failure marks the purchase FAILED and answers 503.
 * Stripe sends the member back to `origin` (the origin they bought on) when it is APP_URL's or a loopback
 * alias of it, else to APP_URL: a member signed in at 127.0.0.1 comes back signed in.
 */
export async function startCreditPurchase(
  actor: Actor,
  customerId: string,
  raw: unknown,
  origin?: string | null,
): Promise<StartedPurchase> {
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Credit packs are bought by a signed-in member");
  assertCanActForCustomer(actor, customerId);
  const { packId, saveCard } = input.parse(raw);
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    select: { currency: true },
  });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const pack = await prisma.creditPack.findUnique({ where: { id: packId } });
  if (!pack || !pack.active || pack.currency !== customer.currency) {
    throw new AppError("UNPROCESSABLE", "This credit pack is not for sale to you", {
      problems: [{ field: "packId", rule: "available_pack", message: "pick a pack from the list" }],
    });
  }
  const stripeCustomer = await ensureStripeCustomer(customerId);
  const purchase = await prisma.$transaction(async (tx) => {
    await lockOrCreateWallet(prismaSql(tx), customerId);
    return tx.creditPurchase.create({
      data: {
        customerId,
        kind: "CHECKOUT",
        packId,
        packName: pack.name,
        currency: pack.currency,
        priceMinor: pack.priceMinor,
        creditsMinor: pack.creditsMinor + pack.bonusCreditsMinor,
        saveCard,
        createdById: actor.userId,
      },
    });
  });
  const metadata = purchaseMetadata({
    customerId,
    purchaseId: purchase.id,
    packId,
    kind: "checkout",
    saveCard,
  });
  const appUrl = returnOrigin(origin, env().APP_URL);
  try {
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: "payment",
        customer: stripeCustomer,
        client_reference_id: purchase.id,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: pack.currency.toLowerCase(),
              unit_amount: Number(pack.priceMinor),
              product_data: { name: pack.name },
            },
          },
        ],
        metadata,
        payment_intent_data: {
          metadata,
          description: `Meterly credits: ${pack.name}`,
          ...(saveCard ? { setup_future_usage: "off_session" as const } : {}),
        },
        success_url: `${appUrl}/credits/purchases/${purchase.id}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${appUrl}/credits?canceled=${purchase.id}`,
      },
      { idempotencyKey: `checkout:${purchase.id}` },
    );
    if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
    await prisma.creditPurchase.update({
      where: { customerId_id: { customerId, id: purchase.id } },
      data: { checkoutSessionId: session.id, checkoutUrl: session.url },
    });
    return { purchaseId: purchase.id, checkoutUrl: session.url };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await prisma.creditPurchase.update({
      where: { customerId_id: { customerId, id: purchase.id } },
      data: { status: "FAILED", failureMessage: `Checkout could not start: ${message}` },
    });
    console.error("stripe checkout failed:", message);
    throw new AppError("UNAVAILABLE", "The payment page could not be opened; try again in a moment");
  }
}
