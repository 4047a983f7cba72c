import { moneyDto } from "@/lib/money/money-dto";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { CreditPurchaseKind, CreditPurchaseStatus } from "@/lib/db/generated/enums";
import type { DeclineNoticeDto } from "./credit-dto";

type Purchase = {
  id: string;
  kind: CreditPurchaseKind;
  status: CreditPurchaseStatus;
  packName: string;
  priceMinor: bigint;
  failureMessage: string | null;
  failedAt: Date | null;
  noticeDismissedAt: Date | null;
  createdAt: Date;
};

/**
 * The decline the Credits page tells the member about: the newest Checkout purchase still pending with a
 * failed payment, unless a purchase started after it was paid, or the member dismissed it. `purchases`
 * are the recent ones, any order.
 */
export function declineNotice(purchases: readonly Purchase[], currency: CurrencyCode): DeclineNoticeDto | null {
  const newestFirst = [...purchases].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  for (const p of newestFirst) {
    if (p.status === "PAID") return null;
    if (p.kind !== "CHECKOUT" || p.status !== "PENDING" || !p.failureMessage) continue;
    if (p.noticeDismissedAt) return null;
    return {
      purchaseId: p.id,
      packName: p.packName,
      price: moneyDto(p.priceMinor, currency),
      reason: withoutEndPunctuation(p.failureMessage),
      at: (p.failedAt ?? p.createdAt).toISOString(),
    };
  }
  return null;
}

/** "Your card was declined." → "Your card was declined", so the notice's own sentence ends it once. */
export function withoutEndPunctuation(text: string): string {
  return text.trim().replace(/[\s.!;:,]+$/u, "");
}
