import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { createCreditPack } from "@/lib/credit-packs/create-credit-pack";
import { getPurchase } from "@/lib/payments/get-purchase";
import { startCreditPurchase } from "@/lib/payments/start-credit-purchase";
import { balanceOf, outcome } from "../support/credit-fixtures";
import { payOnHostedPage, startPaymentsHarness, type PaymentsHarness } from "../support/sandbox-harness";
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

async function buyer() {
  const { customer } = await customerWithKey("checkout");
  const pack = await createCreditPack(admin, { name: "1,000 credits", currency: "USD", priceMinor: 1000, creditsMinor: 1000, bonusCreditsMinor: 250 });
  return { customer, member: await memberOf(customer.id), pack };
}

describe("buying credits through Stripe Checkout (sandbox, real SDK, signed webhooks)", () => {
  it("4242 pays: the purchase is pending until the webhook, then the credits (with bonus) land once", async () => {
    const { customer, member, pack } = await buyer();
    const started = await startCreditPurchase(member, customer.id, { packId: pack.id });
    expect(started.checkoutUrl).toMatch(/\/pay\/cs_test_/);
    expect((await getPurchase(member, customer.id, started.purchaseId)).purchase.status).toBe("PENDING");
    const session = await prisma.creditPurchase.findFirstOrThrow({ where: { id: started.purchaseId } });
    const checkout = await fetch(`${h.sandbox.url}/v1/checkout/sessions/${session.checkoutSessionId}`, { headers: { authorization: "Bearer sk_test_sandbox" } }).then((r) => r.json());
    expect(checkout).toMatchObject({ mode: "payment", client_reference_id: started.purchaseId, amount_total: 1000, metadata: { meterly_customer_id: customer.id, meterly_purchase_id: started.purchaseId, meterly_pack_id: pack.id } });

    const paid = await payOnHostedPage(started.checkoutUrl, "4242 4242 4242 4242");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://app.test/credits/purchases/${started.purchaseId}?session_id=${session.checkoutSessionId}`);
    await h.sandbox.webhooksIdle();
    const after = await getPurchase(member, customer.id, started.purchaseId);
    expect([after.purchase.status, after.balance.amountMinor]).toEqual(["PAID", 1250]);
    expect(await prisma.creditGrant.count({ where: { customerId: customer.id } })).toBe(1);
    expect(h.sandbox.deliveries().filter((d) => d.status !== 200)).toEqual([]);
  });

  it("4000 0000 0000 0002 is declined: no credits, the purchase stays pending with the reason", async () => {
    const { customer, member, pack } = await buyer();
    const started = await startCreditPurchase(member, customer.id, { packId: pack.id });
    const declined = await payOnHostedPage(started.checkoutUrl, "4000 0000 0000 0002");
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("Your card was declined.");
    await h.sandbox.webhooksIdle();
    const p = await getPurchase(member, customer.id, started.purchaseId);
    expect([p.purchase.status, p.purchase.failureMessage, p.balance.amountMinor]).toEqual(["PENDING", "Your card was declined.", 0]);
    expect(await balanceOf(customer.id)).toBe(0n);
  });

  it("Stripe returns the member to APP_URL when a request claims a host that is not APP_URL or its loopback alias", async () => {
    const { customer, member, pack } = await buyer();
    const started = await startCreditPurchase(member, customer.id, { packId: pack.id }, "http://evil.test");
    const paid = await payOnHostedPage(started.checkoutUrl, "4242 4242 4242 4242");
    expect(paid.headers.get("location")).toMatch(new RegExp(`^http://app\\.test/credits/purchases/${started.purchaseId}\\?session_id=`));
    const cancel = await prisma.creditPurchase.findFirstOrThrow({ where: { id: started.purchaseId } });
    const session = await fetch(`${h.sandbox.url}/v1/checkout/sessions/${cancel.checkoutSessionId}`, { headers: { authorization: "Bearer sk_test_sandbox" } }).then((r) => r.json());
    expect(session.cancel_url).toBe(`http://app.test/credits?canceled=${started.purchaseId}`);
  });

  it("only members buy, for their own customer, packs that are for sale to them", async () => {
    const { customer, member, pack } = await buyer();
    const other = await buyer();
    expect(await outcome(() => startCreditPurchase(member, other.customer.id, { packId: pack.id }))).toBe(404);
    expect(await outcome(() => startCreditPurchase(member, customer.id, { packId: "nope" }))).toBe(422);
    const euros = await createCreditPack(admin, { name: "EUR pack", currency: "EUR", priceMinor: 500, creditsMinor: 500 });
    expect(await outcome(() => startCreditPurchase(member, customer.id, { packId: euros.id }))).toBe(422);
    expect(await outcome(() => getPurchase(other.member, customer.id, "00000000-0000-4000-8000-000000000000"))).toBe(404);
    const started = await startCreditPurchase(member, customer.id, { packId: pack.id });
    expect(await outcome(() => getPurchase(other.member, customer.id, started.purchaseId))).toBe(404);
  });
});
