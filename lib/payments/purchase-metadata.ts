/** What Meterly puts in a Checkout Session's and PaymentIntent's metadata, and reads back from webhooks. */
export type PurchaseRef = { customerId: string; purchaseId: string; kind: "checkout" | "auto_recharge"; saveCard: boolean };

const KEYS = { customer: "meterly_customer_id", purchase: "meterly_purchase_id", pack: "meterly_pack_id", kind: "meterly_kind", saveCard: "meterly_save_card" } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function purchaseMetadata(ref: PurchaseRef & { packId: string }): Record<string, string> {
  return { [KEYS.customer]: ref.customerId, [KEYS.purchase]: ref.purchaseId, [KEYS.pack]: ref.packId, [KEYS.kind]: ref.kind, [KEYS.saveCard]: ref.saveCard ? "1" : "0" };
}

/** The purchase an object's metadata names, or null for objects Meterly did not create (ignored). */
export function readPurchaseRef(metadata: Record<string, string> | null | undefined): PurchaseRef | null {
  const customerId = metadata?.[KEYS.customer];
  const purchaseId = metadata?.[KEYS.purchase];
  const kind = metadata?.[KEYS.kind];
  if (!customerId || !purchaseId || !UUID.test(customerId) || !UUID.test(purchaseId)) return null;
  if (kind !== "checkout" && kind !== "auto_recharge") return null;
  return { customerId, purchaseId, kind, saveCard: metadata?.[KEYS.saveCard] === "1" };
}

/** "visa •••• 4242" for a card PaymentMethod. */
export function cardLabel(pm: { card?: { brand?: string | null; last4?: string | null } | null } | null | undefined): string | null {
  if (!pm?.card?.last4) return null;
  return `${pm.card.brand ?? "card"} •••• ${pm.card.last4}`;
}
