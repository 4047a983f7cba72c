import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as creditsRoute } from "@/app/api/portal/credits/route";
import { GET as ledgerRoute } from "@/app/api/portal/credits/ledger/route";
import { GET as purchaseRoute } from "@/app/api/portal/credits/purchases/[id]/route";
import { GET as apiCreditsRoute } from "@/app/api/v1/customers/[externalId]/credits/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createTestApiKey } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { grant } from "../support/credit-fixtures";
import { signInAs } from "../support/session";
import { pendingPurchase } from "../support/stripe-fixtures";
import { adminUser, customerWithKey, memberOf } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

describe("credits routes show each customer only their own credits", () => {
  let mine: Awaited<ReturnType<typeof customerWithKey>>;
  let theirs: Awaited<ReturnType<typeof customerWithKey>>;
  let member: CurrentUser;
  let purchaseId: string;
  let theirPurchaseId: string;

  beforeAll(async () => {
    mine = await customerWithKey("routes");
    theirs = await customerWithKey("routes-other");
    member = await memberOf(mine.customer.id);
    await grant(mine.customer.id, 1234n);
    await grant(theirs.customer.id, 99n);
    purchaseId = (await pendingPurchase(mine.customer.id)).purchase.id;
    theirPurchaseId = (await pendingPurchase(theirs.customer.id)).purchase.id;
  });

  it("the portal routes answer the signed-in member's own credits, and 401 / 404 otherwise", async () => {
    signInAs(member);
    const summary = await callRoute(creditsRoute, {});
    expect([summary.status, summary.json.balance.formatted, summary.json.customerId]).toEqual([200, "$12.34", mine.customer.id]);
    const ledger = await callRoute(ledgerRoute, { url: "http://localhost/api/portal/credits/ledger" });
    expect(ledger.json.entries.map((e: { kind: string }) => e.kind)).toEqual(["GRANT"]);
    expect((await callRoute(ledgerRoute, { url: "http://localhost/api/portal/credits/ledger?before=abc" })).status).toBe(422);
    expect((await callRoute(purchaseRoute, { params: { id: purchaseId } })).json.purchase.status).toBe("PENDING");
    expect((await callRoute(purchaseRoute, { params: { id: theirPurchaseId } })).status).toBe(404);
    signInAs(await adminUser());
    expect((await callRoute(creditsRoute, {})).status).toBe(404);
    signInAs(null);
    expect((await callRoute(creditsRoute, {})).status).toBe(401);
    expect((await callRoute(purchaseRoute, { params: { id: purchaseId } })).status).toBe(401);
  });

  it("the API route answers a key for the customer, or any customer for an unrestricted key; another customer's key gets 403", async () => {
    const own = await callRoute(apiCreditsRoute, { key: mine.key.secret, params: { externalId: mine.customer.externalId } });
    expect([own.status, own.json.balance.amountMinor, own.json.grants.length]).toEqual([200, 1234, 1]);
    expect((await callRoute(apiCreditsRoute, { key: mine.key.secret, params: { externalId: theirs.customer.externalId } })).status).toBe(403);
    const any = await createTestApiKey();
    expect((await callRoute(apiCreditsRoute, { key: any.secret, params: { externalId: theirs.customer.externalId } })).json.balance.amountMinor).toBe(99);
    expect((await callRoute(apiCreditsRoute, { key: null, params: { externalId: mine.customer.externalId } })).status).toBe(401);
  });
});
