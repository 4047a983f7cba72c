import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { collectInvoicePayment } from "@/lib/billing/collection/collect-invoice-payment";
import { startInvoiceCheckout } from "@/lib/billing/collection/start-invoice-checkout";
import { prisma } from "@/lib/db/client";
import { upsertMeter } from "@/lib/seed/factories";
import { closeAt, upcoming } from "../support/billing-fixtures";
import { callRoute } from "../support/call-route";
import { subscribe } from "../support/plan-fixtures";
import {
  payOnHostedPage,
  saveInvoiceCard,
  startPaymentsHarness,
  type PaymentsHarness,
} from "../support/sandbox-harness";
import { adminUser, customerWithKey, memberOf, tag } from "../support/usage-fixtures";

// This file's process suspends customers whose invoice goes uncollectible (read by env() on first use).
process.env.DUNNING_SUSPEND = "on";

let h: PaymentsHarness;
let admin: CurrentUser;
beforeAll(async () => {
  h = await startPaymentsHarness();
  admin = await adminUser();
});
afterAll(async () => {
  await h?.close();
});

describe("suspension after dunning (DUNNING_SUSPEND=on)", () => {
  it("an uncollectible invoice suspends ingestion with 402 account_suspended; paying it lets usage in again at once", async () => {
    const t = tag();
    const meter = await upsertMeter({
      key: `susp_${t}`,
      eventType: `susp_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
    });
    const { customer, key } = await customerWithKey("susp");
    await subscribe(admin, customer.id, {
      baseFeeMinor: 1500,
      prices: [{ meterId: meter.id, model: { kind: "per_unit", unitPrice: "0.01" } }],
    });
    await saveInvoiceCard(h, customer.id, "4000000000000341");
    let n = 0;
    const post = (events: number) =>
      callRoute(eventsRoute, {
        key: key.secret,
        body: {
          events: Array.from({ length: events }, () => ({
            id: `s-${n++}`,
            customer: customer.externalId,
            type: meter.eventType,
          })),
        },
      });
    expect((await post(2)).status).toBe(202);

    await closeAt(customer.id, (await upcoming(admin, customer.id)).period.end, 25);
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await post(1)).status).toBe(202); // still accepted while retries remain
      await collectInvoicePayment({ customerId: customer.id, invoiceId: invoice.id, attempt });
    }
    await h.sandbox.webhooksIdle();
    expect(
      await prisma.invoice.findUniqueOrThrow({
        where: { customerId_id: { customerId: customer.id, id: invoice.id } },
      }),
    ).toMatchObject({ status: "UNCOLLECTIBLE" });
    expect(await prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
      suspensionReason: expect.stringContaining(`invoice ${invoice.number} is unpaid`),
    });

    const refused = await post(3);
    expect(refused.status).toBe(402);
    expect(refused.json.error).toEqual({
      code: "account_suspended",
      message: `Customer "${customer.externalId}" is suspended: invoice ${invoice.number} is unpaid after every retry; usage is accepted again once it is paid`,
    });
    expect(refused.json.rejected).toBe(3);
    expect(await prisma.usageEvent.count({ where: { customerId: customer.id } })).toBe(7);

    const { checkoutUrl } = await startInvoiceCheckout(await memberOf(customer.id), customer.id, invoice.id);
    expect((await payOnHostedPage(checkoutUrl, "4242424242424242")).status).toBe(303);
    await h.sandbox.webhooksIdle();
    expect(await prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
      suspendedAt: null,
      suspensionReason: null,
    });
    expect((await post(1)).status).toBe(202);
    const notes = (
      await prisma.notification.findMany({ where: { customerId: customer.id }, orderBy: { id: "asc" } })
    ).map((x) => x.kind);
    expect(notes.filter((k) => k !== "customer.payment_failed")).toEqual([
      "invoice.created",
      "invoice.finalized",
      "invoice.uncollectible",
      "customer.account_suspended",
      "customer.payment_succeeded",
      "invoice.paid",
      "customer.account_reinstated",
    ]);
  });
});
