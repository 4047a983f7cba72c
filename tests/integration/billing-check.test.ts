import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { runLedgerCheck } from "@/lib/ledger/run-ledger-check";
import { closeAt, testPrefix, upcoming } from "../support/billing-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey } from "../support/usage-fixtures";

describe("ledger:check over invoices", () => {
  let admin: CurrentUser;
  beforeAll(async () => {
    admin = await adminUser();
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
