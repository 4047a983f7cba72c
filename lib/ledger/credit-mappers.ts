import { moneyDto } from "@/lib/money/money-dto";
import type { CreditEntryKind, CreditGrantKind, CreditPurchaseKind, CreditPurchaseStatus } from "@/lib/db/generated/enums";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { GrantDto, LedgerEntryDto, PurchaseDto } from "./credit-dto";

type GrantRow = { id: string; kind: CreditGrantKind; amountMinor: bigint; remainingMinor: bigint; priority: number; expiresAt: Date | null; description: string; createdAt: Date };
type EntryRow = {
  seq: bigint;
  kind: CreditEntryKind;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  description: string;
  ratedMinor: bigint | null;
  eventCount: number | null;
  firstEventId: string | null;
  lastEventId: string | null;
  createdAt: Date;
};
type PurchaseRow = { id: string; kind: CreditPurchaseKind; status: CreditPurchaseStatus; packName: string; priceMinor: bigint; creditsMinor: bigint; failureMessage: string | null; failedAt: Date | null; createdAt: Date; completedAt: Date | null };

export function grantDto(g: GrantRow, currency: CurrencyCode): GrantDto {
  return {
    id: g.id,
    kind: g.kind,
    amount: moneyDto(g.amountMinor, currency),
    remaining: moneyDto(g.remainingMinor, currency),
    priority: g.priority,
    expiresAt: g.expiresAt?.toISOString() ?? null,
    description: g.description,
    createdAt: g.createdAt.toISOString(),
  };
}

export function entryDto(e: EntryRow, currency: CurrencyCode): LedgerEntryDto {
  const usage =
    e.ratedMinor !== null && e.eventCount !== null
      ? { rated: moneyDto(e.ratedMinor, currency), eventCount: e.eventCount, firstEventId: e.firstEventId ?? "", lastEventId: e.lastEventId ?? "" }
      : null;
  return {
    seq: e.seq.toString(),
    kind: e.kind,
    amount: moneyDto(e.amountMinor, currency),
    balanceAfter: moneyDto(e.balanceAfterMinor, currency),
    description: e.description,
    usage,
    createdAt: e.createdAt.toISOString(),
  };
}

export function purchaseDto(p: PurchaseRow, currency: CurrencyCode): PurchaseDto {
  return {
    id: p.id,
    kind: p.kind,
    status: p.status,
    packName: p.packName,
    price: moneyDto(p.priceMinor, currency),
    credits: moneyDto(p.creditsMinor, currency),
    failureMessage: p.failureMessage,
    failedAt: p.failedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    completedAt: p.completedAt?.toISOString() ?? null,
  };
}
