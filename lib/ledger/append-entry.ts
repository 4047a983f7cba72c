import "server-only";
import type { CreditEntryKind } from "@/lib/db/generated/enums";
import type { Movement } from "./burn-order";
import { big, type Sql } from "@/lib/db/sql";
import type { Wallet } from "./wallet";

/** What a BURN entry paid for: the rated charge of one ingestion write's new events for the customer. */
export type UsageReference = { ratedMinor: bigint; eventCount: number; firstEventId: string; lastEventId: string };

export type EntryInput = {
  kind: CreditEntryKind;
  /** Signed; must equal the sum of the movements. */
  amountMinor: bigint;
  movements: Movement[];
  description: string;
  grantId?: string | null;
  usage?: UsageReference | null;
  actorId?: string | null;
};

/**
 * The entry, its grant movements and the wallet's new balance, in one statement; and when the entry takes the
 * balance across the customer's low-balance amount (from at least it to under it) or to zero from above, the
 * `credits.balance_low` / `credits.depleted` notification (the CTE reads the balance before the update; the
 * wallet is locked, so each crossing is seen once).
 */
const APPEND = `
WITH alerts AS (
  INSERT INTO notifications (customer_id, kind, payload)
  SELECT b.customer_id, k.kind, json_build_object('balanceMinor', $5::bigint::text, 'previousBalanceMinor', b.balance_minor::text,
    'thresholdMinor', b.low_balance_alert_minor::text, 'currency', b.currency, 'entrySeq', $2::bigint::text)
  FROM credit_balances b CROSS JOIN (VALUES ('credits.balance_low'), ('credits.depleted')) AS k(kind)
  WHERE b.customer_id = $1::uuid AND (
    (k.kind = 'credits.balance_low' AND b.low_balance_alert_minor IS NOT NULL
      AND b.balance_minor >= b.low_balance_alert_minor AND $5::bigint < b.low_balance_alert_minor)
    OR (k.kind = 'credits.depleted' AND b.balance_minor > 0 AND $5::bigint = 0))
  RETURNING id
), entry AS (
  INSERT INTO credit_ledger_entries (customer_id, seq, kind, amount_minor, balance_after_minor, description, grant_id, rated_minor, event_count, first_event_id, last_event_id, actor_id)
  VALUES ($1::uuid, $2::bigint, $3::"CreditEntryKind", $4::bigint, $5::bigint, $6, $7::uuid, $8::bigint, $9::int, $10, $11, $12)
  RETURNING seq
), moved AS (
  INSERT INTO credit_grant_movements (customer_id, entry_seq, grant_id, amount_minor)
  SELECT $1::uuid, $2::bigint, g, a FROM unnest($13::uuid[], $14::bigint[]) AS m(g, a)
  RETURNING grant_id
)
UPDATE credit_balances SET balance_minor = $5::bigint, last_entry_seq = $2::bigint, updated_at = now()
WHERE customer_id = $1::uuid
RETURNING (SELECT count(*) FROM entry)::int AS entries, (SELECT count(*) FROM moved)::int AS movements`;

/**
 * Appends one entry to the customer's ledger on a wallet locked by this transaction, records what it did
 * to each grant, and moves the wallet's balance by its amount. The caller has already changed the grants'
 * remaining amounts by the same movements. Returns the wallet as it now is.
 */
export async function appendEntry(sql: Sql, wallet: Wallet, e: EntryInput): Promise<Wallet> {
  const moved = e.movements.reduce((sum, m) => sum + m.amountMinor, 0n);
  if (moved !== e.amountMinor) throw new Error(`ledger entry of ${e.amountMinor} moves grants by ${moved}`);
  const seq = wallet.lastEntrySeq + 1n;
  const balance = wallet.balanceMinor + e.amountMinor;
  if (balance < 0n) throw new Error(`ledger entry of ${e.amountMinor} would take the balance of ${wallet.customerId} below zero`);
  const u = e.usage ?? null;
  const [row] = await sql.query<{ entries: number; movements: number }>(APPEND, [
    wallet.customerId,
    big(seq),
    e.kind,
    big(e.amountMinor),
    big(balance),
    e.description,
    e.grantId ?? null,
    u ? big(u.ratedMinor) : null,
    u?.eventCount ?? null,
    u?.firstEventId ?? null,
    u?.lastEventId ?? null,
    e.actorId ?? null,
    e.movements.map((m) => m.grantId),
    e.movements.map((m) => big(m.amountMinor)),
  ]);
  if (!row || row.entries !== 1) throw new Error(`wallet ${wallet.customerId} was not updated`);
  return { ...wallet, balanceMinor: balance, lastEntrySeq: seq };
}
