import "server-only";
import { checkPeriods } from "./check-periods";
import type { Sql } from "@/lib/db/sql";
import type { LedgerProblem } from "./ledger-problem";

export type { LedgerProblem } from "./ledger-problem";


type WalletRow = { customer_id: string; external_id: string; balance: string; last_seq: string; total: string; entries: string; max_seq: string; remaining: string; last_after: string | null };

const WALLETS = `
SELECT b.customer_id::text, c.external_id, b.balance_minor::text AS balance, b.last_entry_seq::text AS last_seq,
  COALESCE(e.total, 0)::text AS total, COALESCE(e.n, 0)::text AS entries, COALESCE(e.max_seq, 0)::text AS max_seq,
  COALESCE(g.remaining, 0)::text AS remaining, l.balance_after_minor::text AS last_after
FROM credit_balances b
JOIN customers c ON c.id = b.customer_id
LEFT JOIN (SELECT customer_id, sum(amount_minor) AS total, count(*) AS n, max(seq) AS max_seq FROM credit_ledger_entries GROUP BY customer_id) e ON e.customer_id = b.customer_id
LEFT JOIN (SELECT customer_id, sum(remaining_minor) AS remaining FROM credit_grants GROUP BY customer_id) g ON g.customer_id = b.customer_id
LEFT JOIN credit_ledger_entries l ON l.customer_id = b.customer_id AND l.seq = b.last_entry_seq
WHERE $1::uuid[] IS NULL OR b.customer_id = ANY($1::uuid[])`;

const GRANTS = `
SELECT g.customer_id::text, c.external_id, g.id::text, g.amount_minor::text AS amount, g.remaining_minor::text AS remaining, COALESCE(sum(m.amount_minor), 0)::text AS moved
FROM credit_grants g
JOIN customers c ON c.id = g.customer_id
LEFT JOIN credit_grant_movements m ON m.customer_id = g.customer_id AND m.grant_id = g.id
WHERE $1::uuid[] IS NULL OR g.customer_id = ANY($1::uuid[])
GROUP BY g.customer_id, c.external_id, g.id
HAVING g.remaining_minor < 0 OR g.remaining_minor > g.amount_minor OR g.remaining_minor <> COALESCE(sum(m.amount_minor), 0)`;

const ENTRIES = `
SELECT e.customer_id::text, c.external_id, e.seq::text, e.kind::text, e.amount_minor::text AS amount, e.rated_minor::text AS rated, COALESCE(sum(m.amount_minor), 0)::text AS moved
FROM credit_ledger_entries e
JOIN customers c ON c.id = e.customer_id
LEFT JOIN credit_grant_movements m ON m.customer_id = e.customer_id AND m.entry_seq = e.seq
WHERE $1::uuid[] IS NULL OR e.customer_id = ANY($1::uuid[])
GROUP BY e.customer_id, c.external_id, e.seq
HAVING e.amount_minor <> COALESCE(sum(m.amount_minor), 0)
  OR (e.kind = 'BURN' AND (e.amount_minor >= 0 OR e.rated_minor IS NULL OR -e.amount_minor > e.rated_minor))
  OR (e.kind = 'GRANT' AND e.rated_minor IS NOT NULL AND e.rated_minor <> -e.amount_minor)`;

/**
 * Verifies the credit ledger (all customers, or those given): every wallet's balance equals the sum of its
 * entries and of its grants' remaining amounts, entries are numbered without gaps, no grant's remaining is
 * negative or above its amount or different from what its movements add up to, every entry's movements
 * add up to it, and credit debits equal the rated usage they paid for (check-periods.ts). Returns the
 * problems found, each naming the customer; none means the ledger is consistent.
 */
export async function checkLedger(sql: Sql, customerIds: string[] | null = null): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];
  const add = (customerId: string, externalId: string, check: string, message: string) => problems.push({ customerId, externalId, check, message });
  for (const w of await sql.query<WalletRow>(WALLETS, [customerIds])) {
    if (w.balance !== w.total) add(w.customer_id, w.external_id, "balance", `balance ${w.balance} but its ledger entries sum to ${w.total}`);
    if (w.balance !== w.remaining) add(w.customer_id, w.external_id, "grants", `balance ${w.balance} but its grants hold ${w.remaining}`);
    if (w.last_seq !== w.max_seq || w.entries !== w.max_seq) add(w.customer_id, w.external_id, "sequence", `last entry ${w.last_seq}, entries ${w.entries}, highest ${w.max_seq}`);
    if (w.last_after !== null && w.last_after !== w.balance) add(w.customer_id, w.external_id, "balance", `balance ${w.balance} but the last entry left ${w.last_after}`);
    if (BigInt(w.balance) < 0n) add(w.customer_id, w.external_id, "balance", `balance ${w.balance} is negative`);
  }
  for (const g of await sql.query<{ customer_id: string; external_id: string; id: string; amount: string; remaining: string; moved: string }>(GRANTS, [customerIds])) {
    add(g.customer_id, g.external_id, "grant", `grant ${g.id}: amount ${g.amount}, remaining ${g.remaining}, movements ${g.moved}`);
  }
  for (const e of await sql.query<{ customer_id: string; external_id: string; seq: string; kind: string; amount: string; rated: string | null; moved: string }>(ENTRIES, [customerIds])) {
    add(e.customer_id, e.external_id, "entry", `entry ${e.seq} (${e.kind}) of ${e.amount}: movements ${e.moved}${e.kind === "BURN" ? `, rated ${e.rated ?? "none"}` : ""}`);
  }
  problems.push(...(await checkPeriods(sql, customerIds)));
  return problems;
}
