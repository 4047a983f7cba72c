import "server-only";
import type { BurnableGrant } from "./burn-order";
import { appendEntry } from "./append-entry";
import { isExpired, moveGrants } from "./load-grants";
import type { Sql } from "@/lib/db/sql";
import type { Wallet } from "./wallet";

/**
 * Writes off what is left of each expired grant among `grants` (locked, with the wallet): one EXPIRY entry
 * per grant, taking its remaining amount to zero. Returns the wallet and the grants still live.
 */
export async function writeOffExpired(sql: Sql, wallet: Wallet, grants: BurnableGrant[], now: Date): Promise<{ wallet: Wallet; live: BurnableGrant[] }> {
  let w = wallet;
  const live: BurnableGrant[] = [];
  for (const g of grants) {
    if (!isExpired(g, now) || g.remainingMinor <= 0n) {
      live.push(g);
      continue;
    }
    const movement = { grantId: g.id, amountMinor: -g.remainingMinor };
    await moveGrants(sql, w.customerId, [movement]);
    w = await appendEntry(sql, w, {
      kind: "EXPIRY",
      amountMinor: movement.amountMinor,
      movements: [movement],
      description: `Expired ${g.expiresAt!.toISOString().slice(0, 10)}`,
      grantId: g.id,
    });
  }
  return { wallet: w, live };
}
