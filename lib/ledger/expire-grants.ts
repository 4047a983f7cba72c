import "server-only";
import { prisma } from "@/lib/db/client";
import { loadOpenGrants } from "./load-grants";
import { prismaSql } from "@/lib/db/sql";
import { lockWallet } from "./wallet";
import { writeOffExpired } from "./write-off-expired";

export type ExpiryRun = { customers: number; grantsWrittenOff: number; skippedBusy: number };

/**
 * The expiry sweep (a background job): writes off what is left of every grant whose expiry has passed,
 * one EXPIRY ledger entry per grant, one short transaction per customer. Safe on any number of instances
 * at once: a wallet another transaction holds is skipped (SKIP LOCKED) and left to the next run, and under
 * the lock only grants still open are written off, so a grant is never written off twice. Burns write off
 * expired grants too, before spending, so the sweep only keeps idle wallets' balances current.
 */
export async function expireGrants(now = new Date(), maxCustomers = 200): Promise<ExpiryRun> {
  const due = await prisma.$queryRaw<{ customer_id: string }[]>`
    SELECT DISTINCT customer_id::text FROM credit_grants
    WHERE remaining_minor > 0 AND expires_at IS NOT NULL AND expires_at <= ${now}
    LIMIT ${maxCustomers}`;
  const run: ExpiryRun = { customers: 0, grantsWrittenOff: 0, skippedBusy: 0 };
  for (const { customer_id: customerId } of due) {
    const written = await prisma.$transaction(async (tx) => {
      const sql = prismaSql(tx);
      const wallet = await lockWallet(sql, customerId, { skipLocked: true });
      if (!wallet) return null;
      const grants = await loadOpenGrants(sql, customerId);
      const { live } = await writeOffExpired(sql, wallet, grants, now);
      return grants.length - live.length;
    });
    if (written === null) run.skippedBusy++;
    else {
      run.customers++;
      run.grantsWrittenOff += written;
    }
  }
  return run;
}
