import { describe, expect, it } from "vitest";
import { cardLabel, purchaseMetadata, readPurchaseRef } from "./purchase-metadata";

const C = "7d2f3c1e-0b1a-4c5d-9e8f-0123456789ab";
const P = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

describe("purchase metadata", () => {
  it("round-trips what Meterly writes", () => {
    const md = purchaseMetadata({ customerId: C, purchaseId: P, packId: "pack", kind: "auto_recharge", saveCard: false });
    expect(readPurchaseRef(md)).toEqual({ customerId: C, purchaseId: P, kind: "auto_recharge", saveCard: false });
    expect(readPurchaseRef(purchaseMetadata({ customerId: C, purchaseId: P, packId: "x", kind: "checkout", saveCard: true }))?.saveCard).toBe(true);
  });

  it.each([
    ["no metadata", null],
    ["another app's metadata", { orgId: "org_1" }],
    ["a customer id that is not a uuid", { meterly_customer_id: "acme", meterly_purchase_id: P, meterly_kind: "checkout" }],
    ["an unknown kind", { meterly_customer_id: C, meterly_purchase_id: P, meterly_kind: "gift" }],
  ])("ignores %s", (_, md) => {
    expect(readPurchaseRef(md as Record<string, string> | null)).toBeNull();
  });

  it("labels a card", () => {
    expect(cardLabel({ card: { brand: "visa", last4: "4242" } })).toBe("visa •••• 4242");
    expect(cardLabel({ card: null })).toBeNull();
  });
});
