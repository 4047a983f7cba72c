import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { changeInvoiceStatus } from "@/lib/billing/change-invoice-status";
import { collectInvoicePayment } from "@/lib/billing/collection/collect-invoice-payment";
import { retryInvoicePayment } from "@/lib/billing/collection/retry-invoice-payment";
import { prisma } from "@/lib/db/client";
import { closeAt, upcoming } from "../support/billing-fixtures";
import { outcome } from "../support/credit-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { saveInvoiceCard, startPaymentsHarness, type PaymentsHarness } from "../support/sandbox-harness";
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

/** A customer with a finalized $25.00 invoice whose first charge is scheduled at its finalization (in the future). */
async function openInvoice(card: string) {
  const { customer } = await customerWithKey("retry");
  await subscribe(admin, customer.id, { baseFeeMinor: 2500 });
  await saveInvoiceCard(h, customer.id, card);
  const { period } = await upcoming(admin, customer.id);
  await closeAt(customer.id, period.end, 25);
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
  expect(invoice).toMatchObject({ status: "OPEN", amountDueMinor: 2500n });
  return { customer, invoice };
}

const attempts = (customerId: string, invoiceId: string) =>
  prisma.invoicePaymentAttempt.findMany({
    where: { customerId, invoiceId },
    orderBy: { attempt: "asc" },
    select: { attempt: true, kind: true, status: true, failureMessage: true, createdAt: true },
  });

describe("retrying an invoice's payment now", () => {
  it("replaces the scheduled charge with one now; a decline is recorded and schedules the next retry; with a good card the invoice is paid", async () => {
    const { customer, invoice } = await openInvoice("4000000000000341");
    const before = Date.now();
    const declined = await retryInvoicePayment(admin, customer.id, invoice.id);
    expect(declined).toEqual({ attempt: 2, status: "failed", failureMessage: "Your card was declined." });
    await h.sandbox.webhooksIdle();
    // The charge scheduled at finalization is gone, and its job, when it runs, does nothing.
    await collectInvoicePayment({ customerId: customer.id, invoiceId: invoice.id, attempt: 1 });
    const list = await attempts(customer.id, invoice.id);
    expect(list.map((a) => [a.attempt, a.kind, a.status])).toEqual([
      [2, "OFF_SESSION", "FAILED"],
      [3, "OFF_SESSION", "PENDING"],
    ]);
    expect(list[0].createdAt.getTime()).toBeGreaterThanOrEqual(before);
    const failed = await prisma.invoice.findUniqueOrThrow({
      where: { customerId_id: { customerId: customer.id, id: invoice.id } },
    });
    expect(failed).toMatchObject({ status: "OPEN", lastPaymentError: "Your card was declined." });
    expect(failed.nextPaymentAttemptAt?.getTime()).toBe(list[0].createdAt.getTime() + DAY);
    expect(await prisma.job.count({ where: { key: `invoice-collect:${invoice.id}:2` } })).toBe(1);

    await saveInvoiceCard(h, customer.id, "4242424242424242");
    const sent = await retryInvoicePayment(admin, customer.id, invoice.id);
    expect(sent.attempt).toBe(4);
    expect(["pending", "succeeded"]).toContain(sent.status);
    await h.sandbox.webhooksIdle();
    const paid = await prisma.invoice.findUniqueOrThrow({
      where: { customerId_id: { customerId: customer.id, id: invoice.id } },
    });
    expect(paid).toMatchObject({ status: "PAID", amountPaidMinor: 2500n, nextPaymentAttemptAt: null });
    expect((await attempts(customer.id, invoice.id)).map((a) => [a.attempt, a.status])).toEqual([
      [2, "FAILED"],
      [4, "SUCCEEDED"],
    ]);
    expect(await outcome(() => retryInvoicePayment(admin, customer.id, invoice.id))).toBe(409);
    const audit = await prisma.auditLog.findMany({
      where: { action: "invoice.payment_retried", target: invoice.id },
    });
    expect(audit).toHaveLength(2);
  });

  it("reopens an uncollectible invoice to charge it", async () => {
    const { customer, invoice } = await openInvoice("4242424242424242");
    await changeInvoiceStatus(admin, customer.id, invoice.id, "mark_uncollectible");
    expect(["pending", "succeeded"]).toContain(
      (await retryInvoicePayment(admin, customer.id, invoice.id)).status,
    );
    await h.sandbox.webhooksIdle();
    expect(
      await prisma.invoice.findUniqueOrThrow({
        where: { customerId_id: { customerId: customer.id, id: invoice.id } },
      }),
    ).toMatchObject({ status: "PAID", markedUncollectibleAt: null });
  });

  it("refuses while a due charge is under way, and for anyone but an admin", async () => {
    const { customer, invoice } = await openInvoice("4000000000000341");
    const first = (await attempts(customer.id, invoice.id))[0];
    const later = new Date(first.createdAt.getTime() + 60_000);
    expect(await outcome(() => retryInvoicePayment(admin, customer.id, invoice.id, later))).toBe(409);
    const member = await memberOf(customer.id);
    expect(await outcome(() => retryInvoicePayment(member, customer.id, invoice.id))).toBe(403);
    expect(
      await outcome(() => retryInvoicePayment(admin, customer.id, "00000000-0000-4000-8000-000000000000")),
    ).toBe(404);
    expect((await attempts(customer.id, invoice.id)).map((a) => a.status)).toEqual(["PENDING"]);
  });
});
