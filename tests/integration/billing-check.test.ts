import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { closeAt, testPrefix, upcoming } from "../support/billing-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { upsertMeter } from "@/lib/seed/factories";
import { adminUser, customerWithKey, send, tag } from "../support/usage-fixtures";

describe("ledger:check over invoices", () => {
  let admin: CurrentUser;
  beforeAll(async () => {
    admin = await adminUser();
  });

  it("finds a finalized invoice whose period's charges changed with no correction issued, and waits while one is pending", async () => {
    const { customer, key } = await customerWithKey("check-corr");
    const t = tag();
    const meter = await upsertMeter({ key: `chk_${t}`, eventType: `chk_${t}`, aggregation: "COUNT", valueProperty: null });
    await subscribe(admin, customer.id, { baseFeeMinor: 500, prices: [{ meterId: meter.id, model: { kind: "per_unit", unitPrice: "1" } }] });
    await send(key.secret, customer.externalId, meter.eventType, [{ at: new Date() }, { at: new Date() }]);
    await closeAt(customer.id, (await upcoming(admin, customer.id)).period.end, 25);
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
    const check = () => runLedgerCheck(process.env.DATABASE_URL!, [customer.externalId]);
    expect(await check()).toEqual([]);
    // A charge changed long before the invoice read it (as if written behind the billing code's back): a problem.
    const long = new Date(invoice.chargesSeenAt!.getTime() - 3_600_000);
    // All of it happened seconds ago: move the credits' tally back too, out of the window a correction may still come in.
    await prisma.usageCreditPeriod.updateMany({ where: { customerId: customer.id }, data: { updatedAt: long } });
    // (The credit ledger's own check also sees the charge differ from what it rated: only ours is looked at here.)
    const corrections = async () => (await check()).filter((p) => p.check === "invoice_corrections").map((p) => p.message);
    try {
      await prisma.periodMeterCharge.updateMany({ where: { customerId: customer.id }, data: { quantity: "3", amount: "3", updatedAt: long } });
      expect(await corrections()).toEqual([`invoice ${invoice.number}: its period's charges now total 800, but it and its corrections bill 700`]);
      // Changed after it: a correction is pending, for the sweep to issue; nothing to report yet.
      await prisma.periodMeterCharge.updateMany({ where: { customerId: customer.id }, data: { updatedAt: new Date() } });
      expect(await corrections()).toEqual([]);
    } finally {
      await prisma.periodMeterCharge.updateMany({ where: { customerId: customer.id }, data: { quantity: "2", amount: "2", updatedAt: long } });
    }
    expect(await check()).toEqual([]);
  });

  it("finds an invoice whose lines do not add up, a paid invoice paid the wrong amount, and a gap in the numbers", async () => {
    const { customer } = await customerWithKey("check");
    await subscribe(admin, customer.id, { baseFeeMinor: 1200 });
    const prefix = testPrefix();
    await closeAt(customer.id, (await upcoming(admin, customer.id)).period.end, 25, prefix);
    const check = () => runLedgerCheck(process.env.DATABASE_URL!, [customer.externalId]);
    expect(await check()).toEqual([]);
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
    const where = { customerId_id: { customerId: customer.id, id: invoice.id } };

    await prisma.invoiceLine.updateMany({
      where: { customerId: customer.id, invoiceId: invoice.id, kind: "BASE_FEE" },
      data: { amountMinor: 1100n },
    });
    expect((await check()).map((p) => [p.check, p.message])).toEqual([
      [
        "invoice_lines",
        `invoice ${invoice.number}: total 1200, charge lines 1100; credits 0, credits lines 0`,
      ],
    ]);
    await prisma.invoiceLine.updateMany({
      where: { customerId: customer.id, invoiceId: invoice.id, kind: "BASE_FEE" },
      data: { amountMinor: 1200n },
    });

    await prisma.invoice.update({
      where,
      data: { status: "PAID", paidAt: new Date(), amountPaidMinor: 1000n },
    });
    expect((await check()).map((p) => p.check)).toEqual(["invoice_payment"]);
    await prisma.invoice.update({ where, data: { status: "OPEN", paidAt: null, amountPaidMinor: 0n } });
    expect(await check()).toEqual([]);

    await prisma.invoiceNumberSequence.update({
      where: { prefix_year: { prefix, year: Number(invoice.number!.split("-")[1]) } },
      data: { lastNumber: 2 },
    });
    const all = await runLedgerCheck(process.env.DATABASE_URL!);
    expect(all.filter((p) => p.check === "invoice_numbers").map((p) => p.message)).toEqual([
      `${prefix}-${invoice.number!.split("-")[1]}: 2 numbers handed out, 1 on invoices (1 distinct)`,
    ]);
    await prisma.invoiceNumberSequence.update({
      where: { prefix_year: { prefix, year: Number(invoice.number!.split("-")[1]) } },
      data: { lastNumber: 1 },
    });
  });
});
