import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createCreditPack } from "@/lib/credit-packs/create-credit-pack";
import { getCreditSummary } from "@/lib/ledger/get-credit-summary";
import { dismissDeclineNotice } from "@/lib/payments/dismiss-decline-notice";
import { startCreditPurchase } from "@/lib/payments/start-credit-purchase";
import { outcome } from "../support/credit-fixtures";
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
  const { customer } = await customerWithKey("decline");
  const pack = await createCreditPack(admin, { name: "Decline pack", currency: "USD", priceMinor: 1000, creditsMinor: 1000 });
  return { customer, member: await memberOf(customer.id), pack };
}

async function buy(member: CurrentUser, customerId: string, packId: string, card: string) {
  const started = await startCreditPurchase(member, customerId, { packId });
  await payOnHostedPage(started.checkoutUrl, card);
  await h.sandbox.webhooksIdle();
  return started.purchaseId;
}

const DECLINED = "4000 0000 0000 0002";

describe("the Credits page's decline notice: dated, one full stop, and it goes away", () => {
  it("says when and why, once; a dismissal is kept; a later paid purchase clears a new one", async () => {
    const { customer, member, pack } = await buyer();
    const before = Date.now();
    const declined = await buy(member, customer.id, pack.id, DECLINED);
    const notice = (await getCreditSummary(member, customer.id)).declineNotice;
    expect(notice).toMatchObject({ purchaseId: declined, packName: "Decline pack", reason: "Your card was declined", price: { formatted: "$10.00" } });
    expect(new Date(notice!.at).getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Someone else's member cannot dismiss it; the member can, and it stays dismissed.
    const other = await buyer();
    expect(await outcome(() => dismissDeclineNotice(other.member, customer.id, declined))).toBe(404);
    expect(await outcome(() => dismissDeclineNotice(other.member, other.customer.id, declined))).toBe(404);
    await dismissDeclineNotice(member, customer.id, declined);
    expect((await getCreditSummary(member, customer.id)).declineNotice).toBeNull();

    // A new decline shows again; a purchase paid after it clears it.
    const again = await buy(member, customer.id, pack.id, DECLINED);
    expect((await getCreditSummary(member, customer.id)).declineNotice?.purchaseId).toBe(again);
    await buy(member, customer.id, pack.id, "4242 4242 4242 4242");
    expect((await getCreditSummary(member, customer.id)).declineNotice).toBeNull();
  });
});
