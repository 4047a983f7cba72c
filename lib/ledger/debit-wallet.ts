import "server-only";
import type { CreditEntryKind } from "@/lib/db/generated/enums";
import { allocateBurn, type BurnableGrant, type Movement } from "./burn-order";
import { appendEntry, type UsageReference } from "./append-entry";
import { loadOpenGrants, moveGrants } from "./load-grants";
import type { Sql } from "@/lib/db/sql";
import type { Wallet } from "./wallet";
import { writeOffExpired } from "./write-off-expired";

/** A locked wallet whose expired grants are written off: what can be spent now. */
export type SpendableWallet = { wallet: Wallet; live: BurnableGrant[] };

/** Locks the wallet's open grants and writes off the expired ones, so the balance is what can be spent. */
export async function spendableWallet(sql: Sql, wallet: Wallet, now: Date): Promise<SpendableWallet> {
  return writeOffExpired(sql, wallet, await loadOpenGrants(sql, wallet.customerId), now);
}

/**
 * Takes `amountMinor` (> 0, at most the balance) from the live grants in burn order with one ledger entry
 * (BURN for usage, ADJUSTMENT for an admin's correction). Returns the wallet after and what it took from
 * each grant.
 */
export async function debitWallet(
  sql: Sql,
  s: SpendableWallet,
  amountMinor: bigint,
  entry: { kind: Extract<CreditEntryKind, "BURN" | "ADJUSTMENT">; description: string; usage?: UsageReference | null; actorId?: string | null },
): Promise<{ wallet: Wallet; movements: Movement[] }> {
  const movements = allocateBurn(s.live, amountMinor);
  await moveGrants(sql, s.wallet.customerId, movements);
  return { wallet: await appendEntry(sql, s.wallet, { ...entry, amountMinor: -amountMinor, movements }), movements };
}
