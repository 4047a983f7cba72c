import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { updateBillingProfile } from "@/lib/billing/billing-profile";
import { collectInvoicePayment } from "@/lib/billing/collection/collect-invoice-payment";
import { correctStaleInvoices } from "@/lib/billing/corrections/correct-stale-invoices";
import { issueManualCreditNote } from "@/lib/billing/credit-notes/issue-manual-credit-note";
import { refundCreditNote } from "@/lib/billing/credit-notes/refund-credit-note";
import { runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { prisma } from "@/lib/db/client";
import { voidEvents } from "@/lib/metering/voids/void-events";
import { upsertMeter } from "@/lib/seed/factories";
import { stripeClient } from "@/lib/payments/stripe-client";
import { closeAt, upcoming } from "../support/billing-fixtures";
import { balanceOf, outcome } from "../support/credit-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { saveInvoiceCard, startPaymentsHarness, type PaymentsHarness } from "../support/sandbox-harness";
import { adminUser, customerWithKey, memberOf, send, tag } from "../support/usage-fixtures";

let h: PaymentsHarness;
let admin: CurrentUser;
beforeAll(async () => {
  h = await startPaymentsHarness();
  admin = await adminUser();
});
afterAll(async () => {
  await h?.close();
});

/** A customer whose $25.00 invoice was paid off-session with a 4242 card (or left open, without a card). */
async function invoiceOf(paid: boolean) {
  const { customer } = await customerWithKey("cn");
  made.push(customer.externalId);
  await subscribe(admin, customer.id, { baseFeeMinor: 2500 });
  if (paid) await saveInvoiceCard(h, customer.id, "4242424242424242");
  const { period } = await upcoming(admin, customer.id);
  await closeAt(customer.id, period.end, 25);
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
  if (paid) {
    await collectInvoicePayment({ customerId: customer.id, invoiceId: invoice.id, attempt: 1 });
    await h.sandbox.webhooksIdle();
    expect(
      (
        await prisma.invoice.findUniqueOrThrow({
          where: { customerId_id: { customerId: customer.id, id: invoice.id } },
        })
      ).status,
    ).toBe("PAID");
  }
  return { customer, invoice };
}

const made: string[] = [];

const refundJob = (noteId: string) =>
  prisma.job.findUnique({ where: { key: `credit-note:${noteId}:refund` } });
const refundsOf = (pi: string) =>
  h.sandbox
    .events()
    .filter(
      (e) =>
        e.type === "refund.created" && (e.data.object as { payment_intent?: string }).payment_intent === pi,
    );

describe("credit notes settled to the card or the balance", () => {
  it("refunds a paid invoice's card once, however often the refund job runs", async () => {
    const { customer, invoice } = await invoiceOf(true);
    const note = await issueManualCreditNote(admin, customer.id, invoice.id, {
      amount: "7.50",
      reason: "Goodwill for the outage",
      settlement: "refund",
    });
    expect(note).toMatchObject({
      refundedToCardMinor: 750n,
      creditedToBalanceMinor: 0n,
      appliedToInvoiceMinor: 0n,
    });
    expect(note.number).toMatch(/-CN1$/);
    expect(await refundJob(note.id)).not.toBeNull();
    await refundCreditNote({ customerId: customer.id, creditNoteId: note.id });
    await refundCreditNote({ customerId: customer.id, creditNoteId: note.id });
    await h.sandbox.webhooksIdle();
    const stored = await prisma.creditNote.findUniqueOrThrow({
      where: { customerId_id: { customerId: customer.id, id: note.id } },
    });
    expect(stored).toMatchObject({
      kind: "MANUAL",
      settlement: "REFUND",
      refundStatus: "SUCCEEDED",
      refundedToCardMinor: 750n,
    });
    expect(stored.refundId).toMatch(/^re_/);
    const refunds = refundsOf(stored.refundPaymentIntentId!);
    expect(refunds.map((e) => (e.data.object as { amount: number }).amount)).toEqual([750]);
    expect(await balanceOf(customer.id)).toBe(0n);
    const audit = await prisma.auditLog.findFirst({
      where: { action: "credit_note.issued", target: customer.id },
    });
    expect(audit?.details).toMatchObject({ number: note.number, amountMinor: "750", settlement: "refund" });
  });

  it("sends what the card payment cannot take to the balance, and refuses more than the invoice charged", async () => {
    const { customer, invoice } = await invoiceOf(true);
    await issueManualCreditNote(admin, customer.id, invoice.id, {
      amount: "20",
      reason: "Part",
      settlement: "refund",
    });
    const second = await issueManualCreditNote(admin, customer.id, invoice.id, {
      amount: "5",
      reason: "Rest",
      settlement: "balance",
    });
    expect(second).toMatchObject({ refundedToCardMinor: 0n, creditedToBalanceMinor: 500n });
    expect(await balanceOf(customer.id)).toBe(500n);
    const refused = await issueManualCreditNote(admin, customer.id, invoice.id, {
      amount: "0.01",
      reason: "Too much",
      settlement: "balance",
    }).then(
      () => null,
      (e: unknown) => e as { status?: number; problems?: { field: string; rule: string }[] },
    );
    expect(refused?.problems).toEqual([expect.objectContaining({ field: "amount", rule: "max_creditable" })]);
    expect(await prisma.creditNote.count({ where: { customerId: customer.id } })).toBe(2);
  });

  it("credits the balance instead when Stripe refuses the refund for good", async () => {
    const { customer, invoice } = await invoiceOf(true);
    const note = await issueManualCreditNote(admin, customer.id, invoice.id, {
      amount: "10",
      reason: "Refused",
      settlement: "refund",
    });
    const stored = await prisma.creditNote.findUniqueOrThrow({
      where: { customerId_id: { customerId: customer.id, id: note.id } },
    });
    // Refunded outside Meterly (e.g. in Stripe's dashboard) first: nothing is left on the charge.
    await stripeClient().refunds.create({ payment_intent: stored.refundPaymentIntentId! });
    await refundCreditNote({ customerId: customer.id, creditNoteId: note.id });
    const after = await prisma.creditNote.findUniqueOrThrow({
      where: { customerId_id: { customerId: customer.id, id: note.id } },
    });
    expect(after).toMatchObject({
      refundStatus: "FAILED",
      refundedToCardMinor: 0n,
      creditedToBalanceMinor: 1000n,
    });
    expect(after.refundFailure).toMatch(/already been refunded/);
    expect(await balanceOf(customer.id)).toBe(1000n);
  });

  it("takes an open invoice's credit note off its amount due first, paying it when nothing is left", async () => {
    const { customer, invoice } = await invoiceOf(false);
    const note = await issueManualCreditNote(admin, customer.id, invoice.id, {
      amount: "25.00",
      reason: "Waived",
      settlement: "refund",
    });
    expect(note).toMatchObject({
      appliedToInvoiceMinor: 2500n,
      refundedToCardMinor: 0n,
      creditedToBalanceMinor: 0n,
    });
    const after = await prisma.invoice.findUniqueOrThrow({
      where: { customerId_id: { customerId: customer.id, id: invoice.id } },
    });
    expect(after).toMatchObject({ status: "PAID", amountDueMinor: 0n, creditNotesMinor: 2500n });
    expect(await refundJob(note.id)).toBeNull();
  });

  it("is for admins only, refuses drafts and void invoices with 409, and bad input with 422 naming the field", async () => {
    const { customer, invoice } = await invoiceOf(false);
    const member = await memberOf(customer.id);
    expect(
      await outcome(() =>
        issueManualCreditNote(member, customer.id, invoice.id, {
          amount: "1",
          reason: "x",
          settlement: "balance",
        }),
      ),
    ).toBe(403);
    expect(
      await outcome(() =>
        issueManualCreditNote(admin, customer.id, invoice.id, {
          amount: "1",
          reason: "",
          settlement: "cash",
        }),
      ),
    ).toBe(422);
    const bad = await issueManualCreditNote(admin, customer.id, invoice.id, {
      amount: "abc",
      reason: "x",
      settlement: "balance",
    }).then(
      () => null,
      (e: unknown) => e as { problems?: { field: string }[] },
    );
    expect(bad?.problems?.[0]?.field).toBe("amount");
    await prisma.invoice.update({
      where: { customerId_id: { customerId: customer.id, id: invoice.id } },
      data: { status: "VOID", voidedAt: new Date() },
    });
    const voided = await issueManualCreditNote(admin, customer.id, invoice.id, {
      amount: "1",
      reason: "x",
      settlement: "balance",
    }).then(
      () => null,
      (e: unknown) => e as { status?: number; message?: string },
    );
    expect(voided?.message).toMatch(/The invoice is void/);
    expect(
      await outcome(() =>
        issueManualCreditNote(admin, customer.id, invoice.id, {
          amount: "1",
          reason: "x",
          settlement: "balance",
        }),
      ),
    ).toBe(409);
    expect(await prisma.creditNote.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("a void in a paid period refunds the card when the customer's settings say so (an admin's choice)", async () => {
    const t = tag();
    const meter = await upsertMeter({
      key: `cnr_${t}`,
      name: "Images",
      eventType: `cnr_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "images",
    });
    const c = await customerWithKey("cnr");
    made.push(c.customer.externalId);
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: 1000,
      prices: [{ meterId: meter.id, model: { kind: "per_unit", unitPrice: "0.25" } }],
    });
    await saveInvoiceCard(h, c.customer.id, "4242424242424242");
    const at = new Date();
    await send(
      c.key.secret,
      c.customer.externalId,
      meter.eventType,
      [0, 1, 2, 3].map((i) => ({ id: `img-${i}`, at })),
    );
    const { period } = await upcoming(admin, c.customer.id);
    await closeAt(c.customer.id, period.end, 25);
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: c.customer.id } });
    await collectInvoicePayment({ customerId: c.customer.id, invoiceId: invoice.id, attempt: 1 });
    await h.sandbox.webhooksIdle();
    const member = await memberOf(c.customer.id);
    expect(
      await outcome(() => updateBillingProfile(member, c.customer.id, { creditNoteSettlement: "REFUND" })),
    ).toBe(403);
    await updateBillingProfile(admin, c.customer.id, { creditNoteSettlement: "REFUND" });
    await voidEvents(admin, { customer: c.customer.externalId, eventId: "img-0", reason: "duplicate" });
    const [result] = await correctStaleInvoices({ customerId: c.customer.id });
    expect(result).toMatchObject({
      kind: "credit_note",
      totalMinor: 25n,
      refundedToCardMinor: 25n,
      creditedToBalanceMinor: 0n,
    });
    await refundCreditNote({ customerId: c.customer.id, creditNoteId: (result as { id: string }).id });
    await h.sandbox.webhooksIdle();
    const note = await prisma.creditNote.findFirstOrThrow({ where: { customerId: c.customer.id } });
    expect(note).toMatchObject({ kind: "CORRECTION", settlement: "REFUND", refundStatus: "SUCCEEDED" });
    expect(
      refundsOf(note.refundPaymentIntentId!).map((e) => (e.data.object as { amount: number }).amount),
    ).toEqual([25]);
    expect(await balanceOf(c.customer.id)).toBe(0n);
  });

  it("ledger:check finds every credit note settled and no payment refunded beyond its amount", async () => {
    expect(made.length).toBeGreaterThan(3);
    expect(await runLedgerCheck(process.env.DATABASE_URL!, made)).toEqual([]);
  });
});
