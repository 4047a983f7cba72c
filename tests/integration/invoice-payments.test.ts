import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { collectInvoicePayment } from "@/lib/billing/collection/collect-invoice-payment";
import { startInvoiceCheckout } from "@/lib/billing/collection/start-invoice-checkout";
import { prisma } from "@/lib/db/client";
import { closeAt, upcoming } from "../support/billing-fixtures";
import { outcome } from "../support/credit-fixtures";
import { subscribe } from "../support/plan-fixtures";
import {
  payOnHostedPage,
  saveInvoiceCard,
  startPaymentsHarness,
  type PaymentsHarness,
} from "../support/sandbox-harness";
import { deliver } from "../support/stripe-fixtures";
import { adminUser, customerWithKey, memberOf } from "../support/usage-fixtures";

let h: PaymentsHarness;
let admin: CurrentUser;
beforeAll(async () => {
  h = await startPaymentsHarness();
  admin = await adminUser();
});
afterAll(async () => {
  await h?.close();
});

const DAY = 86_400_000;

/** A customer with a finalized $25.00 invoice, and (optionally) a saved card of this number. */
async function openInvoice(card: string | null, opts: { dunningEnabled?: boolean } = {}) {
  const { customer } = await customerWithKey("pay");
  await subscribe(admin, customer.id, { baseFeeMinor: 2500 });
  if (card) await saveInvoiceCard(h, customer.id, card);
  if (opts.dunningEnabled === false)
    await prisma.customerBillingProfile.upsert({
      where: { customerId: customer.id },
      create: { customerId: customer.id, dunningEnabled: false },
      update: { dunningEnabled: false },
    });
  const { period } = await upcoming(admin, customer.id);
  await closeAt(customer.id, period.end, 25);
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
  expect(invoice).toMatchObject({ status: "OPEN", amountDueMinor: 2500n });
  return { customer, invoice };
}

const reload = (customerId: string, id: string) =>
  prisma.invoice.findUniqueOrThrow({
    where: { customerId_id: { customerId, id } },
    include: { payments: { orderBy: { attempt: "asc" } } },
  });

describe("collecting invoices", () => {
  it("charges the saved card off-session at finalization; the invoice is paid once when Stripe's webhook arrives", async () => {
    const { customer, invoice } = await openInvoice("4242424242424242");
    const attempt = { customerId: customer.id, invoiceId: invoice.id, attempt: 1 };
    expect(await prisma.job.count({ where: { key: `invoice-collect:${invoice.id}:1` } })).toBe(1);
    await collectInvoicePayment(attempt);
    await collectInvoicePayment(attempt); // a retried job: same idempotency key, no second charge
    await h.sandbox.webhooksIdle();
    const paid = await reload(customer.id, invoice.id);
    expect(paid).toMatchObject({ status: "PAID", amountPaidMinor: 2500n, nextPaymentAttemptAt: null });
    expect(paid.payments.map((p) => [p.kind, p.status, p.cardLabel])).toEqual([
      ["OFF_SESSION", "SUCCEEDED", "visa •••• 4242"],
    ]);
    const created = h.sandbox
      .events()
      .filter(
        (e) =>
          e.type === "payment_intent.created" &&
          (e.data.object as { metadata?: Record<string, string> }).metadata?.meterly_invoice_id ===
            invoice.id,
      );
    expect(created).toHaveLength(1);

    // The success webhook replayed 10 times: paid once.
    const succeeded = h.sandbox
      .events()
      .find(
        (e) =>
          e.type === "payment_intent.succeeded" &&
          (e.data.object as { id: string }).id === paid.paidPaymentIntentId,
      )!;
    const replies = await Promise.all(Array.from({ length: 10 }, () => deliver(succeeded)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(await reload(customer.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 2500n });
    expect(await prisma.stripeEvent.count({ where: { id: succeeded.id } })).toBe(1);
  });

  it("a card that attaches but declines charges goes through the dunning schedule (1, 3, 5 and 7 days after the first try) to uncollectible, notifying each failure", async () => {
    const { customer, invoice } = await openInvoice("4000000000000341");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await collectInvoicePayment({ customerId: customer.id, invoiceId: invoice.id, attempt });
      await h.sandbox.webhooksIdle();
      const now = await reload(customer.id, invoice.id);
      expect(now.payments[attempt - 1]).toMatchObject({
        status: "FAILED",
        failureMessage: "Your card was declined.",
      });
      if (attempt < 5) {
        const first = now.payments[0].createdAt.getTime();
        expect(now.status).toBe("OPEN");
        expect(now.nextPaymentAttemptAt?.getTime()).toBe(first + [1, 3, 5, 7][attempt - 1] * DAY);
        expect(now.payments[attempt]).toMatchObject({
          status: "PENDING",
          kind: "OFF_SESSION",
          createdAt: now.nextPaymentAttemptAt,
        });
        expect(
          await prisma.job.findUnique({ where: { key: `invoice-collect:${invoice.id}:${attempt + 1}` } }),
        ).toMatchObject({ runAt: now.nextPaymentAttemptAt });
      }
    }
    const last = await reload(customer.id, invoice.id);
    expect(last).toMatchObject({
      status: "UNCOLLECTIBLE",
      lastPaymentError: "Your card was declined.",
      nextPaymentAttemptAt: null,
    });
    expect(last.payments).toHaveLength(5);
    const notes = await prisma.notification.findMany({
      where: { customerId: customer.id },
      orderBy: { id: "asc" },
    });
    // The invoice's own events, once each, around the five failures.
    expect(notes.map((n) => n.kind)).toEqual([
      "invoice.created",
      "invoice.finalized",
      ...Array(4).fill("customer.payment_failed"),
      "invoice.uncollectible",
      "customer.payment_failed",
    ]);
    expect((notes.at(-1)!.payload as { uncollectible?: boolean }).uncollectible).toBe(true);
    expect(notes[6].payload).toMatchObject({ status: "uncollectible", by: "dunning", amountDueMinor: "2500" });
  });

  it("with no card, the failure says to pay from the portal; paying through Checkout with 4242 marks it paid and saves the card", async () => {
    const { customer, invoice } = await openInvoice(null);
    await collectInvoicePayment({ customerId: customer.id, invoiceId: invoice.id, attempt: 1 });
    expect(await reload(customer.id, invoice.id)).toMatchObject({
      status: "OPEN",
      lastPaymentError: "No card on file to charge: pay the invoice from the portal",
    });

    const member = await memberOf(customer.id);
    const declined = await startInvoiceCheckout(member, customer.id, invoice.id);
    expect((await payOnHostedPage(declined.checkoutUrl, "4000000000009995")).status).toBe(402);
    await h.sandbox.webhooksIdle();
    expect((await reload(customer.id, invoice.id)).status).toBe("OPEN");

    const { checkoutUrl } = await startInvoiceCheckout(member, customer.id, invoice.id);
    expect((await payOnHostedPage(checkoutUrl, "4242424242424242")).status).toBe(303);
    await h.sandbox.webhooksIdle();
    const paid = await reload(customer.id, invoice.id);
    expect(paid).toMatchObject({ status: "PAID", amountPaidMinor: 2500n, nextPaymentAttemptAt: null });
    expect(paid.payments.filter((p) => p.status === "SUCCEEDED").map((p) => p.kind)).toEqual(["CHECKOUT"]);
    expect(
      await prisma.customerBillingProfile.findUnique({ where: { customerId: customer.id } }),
    ).toMatchObject({ cardLabel: "visa •••• 4242" });
    expect(await outcome(() => startInvoiceCheckout(member, customer.id, invoice.id))).toBe(409);
  });

  it("with dunning off a failed charge is not retried and the invoice stays open", async () => {
    const { customer, invoice } = await openInvoice("4000000000000341", { dunningEnabled: false });
    await collectInvoicePayment({ customerId: customer.id, invoiceId: invoice.id, attempt: 1 });
    await h.sandbox.webhooksIdle();
    const now = await reload(customer.id, invoice.id);
    expect(now).toMatchObject({ status: "OPEN", nextPaymentAttemptAt: null });
    expect(now.payments.map((p) => p.status)).toEqual(["FAILED"]);
  });

  it("only the customer's own members may pay its invoices", async () => {
    const { customer, invoice } = await openInvoice(null);
    const stranger = await memberOf((await customerWithKey("pay-other")).customer.id);
    expect(await outcome(() => startInvoiceCheckout(stranger, customer.id, invoice.id))).toBe(404);
    const own = await memberOf(customer.id);
    expect(
      await outcome(() => startInvoiceCheckout(own, customer.id, "00000000-0000-4000-8000-000000000000")),
    ).toBe(404);
  });
});
