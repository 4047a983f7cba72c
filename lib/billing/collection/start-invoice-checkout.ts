import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";
import { returnOrigin } from "@/lib/http/return-origin";
import { ensureStripeCustomer } from "@/lib/payments/ensure-stripe-customer";
import { stripeClient } from "@/lib/payments/stripe-client";
import { invoicePaymentMetadata } from "./invoice-payment-ref";
import { lockInvoice } from "./lock-invoice";

/**
 * A member pays an open (or uncollectible) invoice now: a CHECKOUT attempt for the amount due, then a Stripe
 * Checkout Session in payment mode carrying the invoice and attempt, which saves the card for the next
 * invoices (setup_future_usage=off_session). The invoice is paid when Stripe's webhook says so, never here.
 * Stripe returns the member to `origin` when it is APP_URL's or a loopback alias of it, else to APP_URL.
 */
export async function startInvoiceCheckout(
  actor: Actor,
  customerId: string,
  invoiceId: string,
  origin?: string | null,
): Promise<{ checkoutUrl: string }> {
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Invoices are paid by a signed-in member");
  assertCanActForCustomer(actor, customerId);
  if (!isUuid(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice");
  const invoice = await prisma.invoice.findUnique({
    where: { customerId_id: { customerId, id: invoiceId } },
  });
  if (!invoice) throw new AppError("NOT_FOUND", "No such invoice");
  if (invoice.status !== "OPEN" && invoice.status !== "UNCOLLECTIBLE") {
    throw new AppError(
      "CONFLICT",
      `The invoice is ${invoice.status.toLowerCase()}: there is nothing to pay`,
      { details: { status: invoice.status } },
    );
  }
  const stripeCustomer = await ensureStripeCustomer(customerId);
  const attempt = await prisma.$transaction(async (tx) => {
    await lockInvoice(tx, customerId, invoiceId);
    const last = await tx.invoicePaymentAttempt.findFirst({
      where: { customerId, invoiceId },
      orderBy: { attempt: "desc" },
      select: { attempt: true },
    });
    const n = (last?.attempt ?? 0) + 1;
    await tx.invoicePaymentAttempt.create({
      data: { customerId, invoiceId, attempt: n, kind: "CHECKOUT", amountMinor: invoice.amountDueMinor },
    });
    return n;
  });
  const ref = { customerId, invoiceId, attempt };
  const metadata = invoicePaymentMetadata(ref, invoice.number ?? "");
  const appUrl = returnOrigin(origin, env().APP_URL);
  const page = `${appUrl}/invoices/${encodeURIComponent(invoice.number ?? invoiceId)}`;
  try {
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: "payment",
        customer: stripeCustomer,
        client_reference_id: invoiceId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: invoice.currency.toLowerCase(),
              unit_amount: Number(invoice.amountDueMinor),
              product_data: { name: `Invoice ${invoice.number}` },
            },
          },
        ],
        metadata,
        payment_intent_data: {
          metadata,
          description: `Meterly invoice ${invoice.number}`,
          setup_future_usage: "off_session",
        },
        success_url: `${page}?paid=1`,
        cancel_url: `${page}?canceled=1`,
      },
      { idempotencyKey: `invoice-checkout:${invoiceId}:${attempt}` },
    );
    if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
    await prisma.invoicePaymentAttempt.update({
      where: { customerId_invoiceId_attempt: ref },
      data: { checkoutSessionId: session.id, checkoutUrl: session.url },
    });
    return { checkoutUrl: session.url };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await prisma.invoicePaymentAttempt.update({
      where: { customerId_invoiceId_attempt: ref },
      data: {
        status: "FAILED",
        failureMessage: `Checkout could not start: ${message}`,
        completedAt: new Date(),
      },
    });
    console.error("stripe checkout failed:", message);
    throw new AppError("UNAVAILABLE", "The payment page could not be opened; try again in a moment");
  }
}
