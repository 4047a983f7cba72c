import { describe, expect, it } from "vitest";
import { declineNotice, withoutEndPunctuation } from "./decline-notice";

const at = (m: number) => new Date(Date.UTC(2026, 11, 6, 12, m));
const purchase = (id: string, minute: number, patch: Partial<Parameters<typeof declineNotice>[0][number]> = {}) => ({
  id,
  kind: "CHECKOUT" as const,
  status: "PENDING" as const,
  packName: "Pack",
  priceMinor: 500n,
  failureMessage: null,
  failedAt: null,
  noticeDismissedAt: null,
  createdAt: at(minute),
  ...patch,
});

describe("declineNotice", () => {
  it("is the newest pending declined checkout, dated when it failed", () => {
    const n = declineNotice([purchase("old", 1, { failureMessage: "Old." }), purchase("new", 5, { failureMessage: "Your card was declined.", failedAt: at(6) }), purchase("open", 7)], "USD");
    expect(n).toEqual({ purchaseId: "new", packName: "Pack", price: { amountMinor: 500, currency: "USD", formatted: "$5.00" }, reason: "Your card was declined", at: at(6).toISOString() });
  });

  it("is gone after a later paid purchase, or once dismissed; auto-recharge failures are shown elsewhere", () => {
    expect(declineNotice([purchase("d", 1, { failureMessage: "No." }), purchase("p", 2, { status: "PAID" })], "USD")).toBeNull();
    expect(declineNotice([purchase("d", 1, { failureMessage: "No.", noticeDismissedAt: at(3) })], "USD")).toBeNull();
    expect(declineNotice([purchase("r", 1, { kind: "AUTO_RECHARGE", status: "FAILED", failureMessage: "No." })], "USD")).toBeNull();
    expect(declineNotice([purchase("p", 1, { status: "PAID" }), purchase("d", 2, { failureMessage: "No." })], "USD")?.purchaseId).toBe("d");
  });

  it.each([
    ["Your card was declined.", "Your card was declined"],
    ["Insufficient funds!.", "Insufficient funds"],
    ["  Expired card  ", "Expired card"],
  ])("%j ends once: %j", (raw, want) => {
    expect(withoutEndPunctuation(raw)).toBe(want);
  });
});
