import type { MoneyDto } from "@/lib/money/money-dto";
import type { CreditEntryKind, CreditGrantKind, CreditPurchaseKind, CreditPurchaseStatus } from "@/lib/db/generated/enums";
import type { CurrencyCode } from "@/lib/money/currencies";

export type GrantDto = {
  id: string;
  kind: CreditGrantKind;
  amount: MoneyDto;
  remaining: MoneyDto;
  priority: number;
  expiresAt: string | null;
  description: string;
  createdAt: string;
};

export type LedgerEntryDto = {
  seq: string;
  kind: CreditEntryKind;
  amount: MoneyDto;
  balanceAfter: MoneyDto;
  description: string;
  /** BURN: the usage it paid for. */
  usage: { rated: MoneyDto; eventCount: number; firstEventId: string; lastEventId: string } | null;
  createdAt: string;
};

export type PurchaseDto = {
  id: string;
  kind: CreditPurchaseKind;
  status: CreditPurchaseStatus;
  packName: string;
  price: MoneyDto;
  credits: MoneyDto;
  failureMessage: string | null;
  /** When the last payment attempt failed. */
  failedAt: string | null;
  createdAt: string;
  completedAt: string | null;
};

/** A declined Checkout payment the member has not yet moved past (a later purchase paid) or dismissed. */
export type DeclineNoticeDto = {
  purchaseId: string;
  packName: string;
  price: MoneyDto;
  /** The card network's words, without trailing punctuation ("Your card was declined"). */
  reason: string;
  at: string;
};

export type AutoRechargeDto = {
  enabled: boolean;
  threshold: MoneyDto;
  packId: string | null;
  packName: string | null;
  /** The saved card ("visa •••• 4242"); null until a checkout saved one. */
  card: string | null;
  consecutiveFailures: number;
  lastFailureMessage: string | null;
  lastFailureAt: string | null;
  /** Why it turned itself off, if it did. */
  disabledReason: string | null;
};

/** What the Credits page shows and polls. */
export type CreditSummaryDto = {
  customerId: string;
  currency: CurrencyCode;
  balance: MoneyDto;
  grants: GrantDto[];
  purchases: PurchaseDto[];
  /** credits.balance_low is sent when the balance falls under this (the customer's choice); null: off. */
  lowBalanceAlert: MoneyDto | null;
  autoRecharge: AutoRechargeDto | null;
  declineNotice: DeclineNoticeDto | null;
  asOf: string;
};
