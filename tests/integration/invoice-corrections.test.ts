import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { changeInvoiceStatus } from "@/lib/billing/change-invoice-status";
import { correctStaleInvoices } from "@/lib/billing/corrections/correct-stale-invoices";
import { prisma } from "@/lib/db/client";
import { voidEvents } from "@/lib/metering/voids/void-events";
import type { PriceModel } from "@/lib/rating/price-model";
import { upsertMeter } from "@/lib/seed/factories";
import { closeAt, upcoming } from "../support/billing-fixtures";
import { balanceOf, grant } from "../support/credit-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey, send, tag } from "../support/usage-fixtures";

// Graduated, so a correction is the re-rated difference, not quantity x one price.
const graduated: PriceModel = {
  kind: "graduated",
  includedUnits: "100",
  tiers: [
    { upTo: "1000", unitPrice: "0.01" },
    { upTo: null, unitPrice: "0.004" },
  ],
};

describe("corrections after an invoice is final", () => {
  let admin: CurrentUser;
  let meter: { id: string; eventType: string };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    meter = await upsertMeter({
      key: `corr_${t}`,
      name: "Tokens",
      eventType: `corr_${t}`,
      aggregation: "SUM",
      valueProperty: "tokens",
      unit: "tokens",
    });
  });

  /** A customer with usage events e0..e(n-1) of these sizes, and the period's invoice finalized. */
  async function finalized(
    sizes: number[],
    opts: { baseFeeMinor?: number; paymentTerms?: "PREPAID" | "POSTPAID"; credits?: bigint } = {},
  ) {
    const c = await customerWithKey("corr");
    if (opts.credits) await grant(c.customer.id, opts.credits);
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: opts.baseFeeMinor ?? 1000,
      paymentTerms: opts.paymentTerms,
      prices: [{ meterId: meter.id, model: graduated }],
    });
    const at = new Date();
    await send(
      c.key.secret,
      c.customer.externalId,
      meter.eventType,
      sizes.map((tokens, i) => ({ id: `e${i}`, at, props: { tokens } })),
    );
    const before = await upcoming(admin, c.customer.id);
    await closeAt(c.customer.id, before.period.end, 25);
    const invoice = await prisma.invoice.findFirstOrThrow({
      where: { customerId: c.customer.id },
      include: { lines: true },
    });
    return { ...c, before, invoice, at };
  }

  it("a void after finalization leaves the invoice as it was and issues a credit note for exactly the re-rated difference, off the unpaid amount due", async () => {
    const f = await finalized([800, 700]); // 1,500 tokens: 100 free; tiers count the 1,400 after them: 1,000 at $0.01, 400 at $0.004 = $11.60
    expect(f.before.lines.find((l) => l.kind === "USAGE")!.amount.amountMinor).toBe(1160);
    await voidEvents(admin, { customer: f.customer.externalId, eventId: "e1", reason: "duplicate report" });
    const after = await upcoming(admin, f.customer.id); // 800 tokens: 700 at $0.01 = $7.00
    const results = await correctStaleInvoices({ customerId: f.customer.id });
    expect(results).toEqual([
      {
        kind: "credit_note",
        id: expect.any(String),
        number: `${f.invoice.number}-CN1`,
        totalMinor: 460n,
        creditedToBalanceMinor: 0n,
        appliedToInvoiceMinor: 460n,
        refundedToCardMinor: 0n,
      },
    ]);
    expect(f.before.total.amountMinor - after.total.amountMinor).toBe(460);

    const invoice = await prisma.invoice.findFirstOrThrow({
      where: { id: f.invoice.id },
      include: { lines: true, creditNotes: true },
    });
    expect(invoice.lines).toEqual(f.invoice.lines);
    expect(invoice).toMatchObject({
      status: "OPEN",
      totalMinor: 2160n,
      creditNotesMinor: 460n,
      amountDueMinor: 1700n,
    });
    const note = invoice.creditNotes[0];
    expect(note).toMatchObject({
      number: `${f.invoice.number}-CN1`,
      totalMinor: 460n,
      reason: "Events voided after the invoice was final",
    });
    expect(note.lines).toEqual([
      expect.objectContaining({
        kind: "USAGE",
        meterId: meter.id,
        quantityBefore: "1500",
        quantity: "800",
        amountMinor: "-460",
        amountExact: "-4.6",
        events: { voided: [{ id: "e1", reason: "duplicate report" }], late: [], count: 1 },
      }),
    ]);
    // Checked again (a change may have been stamped just before the invoice read it), nothing more is issued.
    expect(
      (await correctStaleInvoices({ customerId: f.customer.id })).filter((r) => r.kind !== "none"),
    ).toEqual([]);
    expect(await prisma.creditNote.count({ where: { customerId: f.customer.id } })).toBe(1);
  });

  it("a credit note on a paid invoice goes to the customer's credit balance, traceably", async () => {
    const f = await finalized([800, 700]);
    await changeInvoiceStatus(admin, f.customer.id, f.invoice.id, "mark_paid");
    await voidEvents(admin, { customer: f.customer.externalId, eventId: "e0", reason: "test traffic" });
    const [result] = await correctStaleInvoices({ customerId: f.customer.id });
    // 700 tokens: 600 at $0.01 = $6.00, down $5.60.
    expect(result).toMatchObject({
      kind: "credit_note",
      totalMinor: 560n,
      creditedToBalanceMinor: 560n,
      appliedToInvoiceMinor: 0n,
    });
    expect(await balanceOf(f.customer.id)).toBe(560n);
    const note = await prisma.creditNote.findFirstOrThrow({ where: { customerId: f.customer.id } });
    expect(
      await prisma.creditGrant.findFirstOrThrow({ where: { customerId: f.customer.id, id: note.grantId! } }),
    ).toMatchObject({ kind: "ADJUSTMENT", amountMinor: 560n, description: `Credit note ${note.number}` });
    expect(await prisma.invoice.findFirstOrThrow({ where: { id: f.invoice.id } })).toMatchObject({
      status: "PAID",
      amountDueMinor: 2160n,
      creditNotesMinor: 0n,
    });
  });

  it("usage accepted late for a finalized period makes a supplemental invoice for the difference, collected like any invoice", async () => {
    const f = await finalized([800]);
    await send(f.key.secret, f.customer.externalId, meter.eventType, [
      { id: "late-1", at: f.at, props: { tokens: 300 } },
    ]);
    const [result] = await correctStaleInvoices({ customerId: f.customer.id });
    // 800 -> 1,100 tokens: $7.00 -> 1,000 x $0.01 = $10.00.
    expect(result).toEqual({
      kind: "supplement",
      number: `${f.invoice.number}-S1`,
      totalMinor: 300n,
      amountDueMinor: 300n,
    });
    const supplement = await prisma.invoice.findFirstOrThrow({
      where: { customerId: f.customer.id, kind: "SUPPLEMENT" },
      include: { lines: true, payments: true },
    });
    expect(supplement).toMatchObject({
      status: "OPEN",
      parentInvoiceId: f.invoice.id,
      totalMinor: 300n,
      amountDueMinor: 300n,
      periodStart: f.invoice.periodStart,
    });
    expect(supplement.lines.map((l) => [l.kind, l.quantity?.toString(), l.amountMinor])).toEqual([
      ["USAGE", "1100", 300n],
    ]);
    expect((supplement.lines[0].details as { events: { late: string[] } }).events.late).toEqual(["late-1"]);
    expect(supplement.payments.map((p) => [p.kind, p.status, p.amountMinor])).toEqual([
      ["OFF_SESSION", "PENDING", 300n],
    ]);

    // Then a void of the late event: the supplement counts as billed, so the credit note is its 300.
    await voidEvents(admin, { customer: f.customer.externalId, eventId: "late-1", reason: "sent twice" });
    expect(await correctStaleInvoices({ customerId: f.customer.id })).toEqual([
      expect.objectContaining({ kind: "credit_note", totalMinor: 300n }),
    ]);
  });

  it("prepaid usage voided after finalization: its credits are already back, and the credit note says so", async () => {
    const f = await finalized([800, 700], { paymentTerms: "PREPAID", credits: 5000n, baseFeeMinor: 0 });
    expect(f.invoice).toMatchObject({
      totalMinor: 1160n,
      creditsMinor: 1160n,
      amountDueMinor: 0n,
      status: "PAID",
    });
    await voidEvents(admin, { customer: f.customer.externalId, eventId: "e1", reason: "duplicate report" });
    expect(await balanceOf(f.customer.id)).toBe(5000n - 700n); // $11.60 burned, $4.60 returned
    const [result] = await correctStaleInvoices({ customerId: f.customer.id });
    expect(result).toMatchObject({
      kind: "credit_note",
      totalMinor: 460n,
      creditedToBalanceMinor: 0n,
      appliedToInvoiceMinor: 0n,
    });
    expect(await prisma.creditNote.findFirstOrThrow({ where: { customerId: f.customer.id } })).toMatchObject({
      creditsReturnedMinor: 460n,
    });
    expect(await balanceOf(f.customer.id)).toBe(4300n);
  });
});
