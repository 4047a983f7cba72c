/**
 * What members choose among in their email settings: each notification kind belongs to one category; a kind
 * not listed here is "other". The customer's billing email gets every category.
 */
export const EMAIL_CATEGORIES = {
  invoices: { label: "Invoices and credit notes", hint: "An invoice is issued, a credit note is written." },
  payments: {
    label: "Failed payments and auto-recharge",
    hint: "A charge is declined, auto-recharge fails or turns itself off.",
  },
  limits: {
    label: "Spending alerts and limits",
    hint: "A spending alert fires or resolves, a hard cap is reached.",
  },
  credits: { label: "Credit balance", hint: "Credits run low or run out." },
  account: { label: "Account status", hint: "Usage is suspended for an unpaid invoice, or reinstated." },
  other: { label: "Other notices", hint: "Anything else about your account." },
} as const;

export type EmailCategory = keyof typeof EMAIL_CATEGORIES;

export const EMAIL_CATEGORY_KEYS = Object.keys(EMAIL_CATEGORIES) as EmailCategory[];

const CATEGORY_OF_KIND: Record<string, EmailCategory> = {
  "invoice.finalized": "invoices",
  "credit_note.created": "invoices",
  "customer.payment_failed": "payments",
  "auto_recharge.failed": "payments",
  "auto_recharge.disabled": "payments",
  "customer.auto_recharge_disabled": "payments",
  "alert.triggered": "limits",
  "alert.resolved": "limits",
  "spending_limit.reached": "limits",
  "credits.balance_low": "credits",
  "credits.depleted": "credits",
  "customer.account_suspended": "account",
  "customer.account_reinstated": "account",
};

/** The category a notification kind's email belongs to. */
export function emailCategoryOf(kind: string): EmailCategory {
  return Object.prototype.hasOwnProperty.call(CATEGORY_OF_KIND, kind) ? CATEGORY_OF_KIND[kind] : "other";
}

/**
 * Kinds the outbox holds for webhooks only (lib/webhooks fans them out), never emailed: the per-minute usage
 * update, receipts of what the member just did or saw, and auto_recharge.disabled, the webhook twin of the
 * emailed customer.auto_recharge_disabled.
 */
export const NOT_EMAILED_KINDS: readonly string[] = [
  "customer.meter_usage_updated",
  "customer.payment_succeeded",
  "invoice.created",
  "invoice.paid",
  "invoice.voided",
  "invoice.uncollectible",
  "credits.purchased",
  "auto_recharge.succeeded",
  "auto_recharge.disabled",
  "subscription.plan_changed",
];

/**
 * Whether a notification is emailed: every kind but the webhook-only ones. An auto-recharge's failed payment is
 * queued twice, as customer.payment_failed (with its purchaseId) and as auto_recharge.failed: only the
 * latter is emailed, so the member gets one email for it; likewise credits.balance_low at a zero balance, which
 * comes with credits.depleted.
 */
export function isEmailedNotification(kind: string, payload: Record<string, unknown>): boolean {
  if (NOT_EMAILED_KINDS.includes(kind)) return false;
  if (kind === "customer.payment_failed" && payload.purchaseId != null) return false;
  // A burn that takes the balance from above the low-balance amount straight to zero queues credits.balance_low
  // and credits.depleted together (lib/ledger/append-entry.ts): the member is told once, that it ran out.
  if (kind === "credits.balance_low" && String(payload.balanceMinor) === "0") return false;
  return true;
}
