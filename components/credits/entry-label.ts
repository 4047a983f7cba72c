import type { LedgerEntryDto } from "@/lib/ledger/credit-dto";

const KIND: Record<LedgerEntryDto["kind"], string> = {
  GRANT: "Added",
  BURN: "Usage",
  EXPIRY: "Expired",
  ADJUSTMENT: "Adjustment",
};

/** What a ledger line is, in words: credits given back for usage (a void, a cheaper tier) read "Returned". */
export function entryLabel(e: Pick<LedgerEntryDto, "kind" | "usage">): string {
  if (e.kind === "GRANT" && e.usage && e.usage.rated.amountMinor < 0) return "Returned";
  return KIND[e.kind];
}
