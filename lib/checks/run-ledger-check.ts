import "server-only";
import pg from "pg";
import { checkCorrections } from "@/lib/billing/checks/check-corrections";
import { checkInvoices } from "@/lib/billing/checks/check-invoices";
import { checkLedger, type LedgerProblem } from "@/lib/ledger/check-ledger";
import { pgSql } from "@/lib/db/sql";

/**
 * Runs `npm run ledger:check`'s checks on their own connection, in one REPEATABLE READ snapshot, so a live
 * database with ingestion under way is checked as of one moment: the credit ledger (lib/ledger/check-ledger.ts),
 * invoices (lib/billing/checks: lines, payments, numbers, and each finalized invoice with its corrections
 * against its period's charges now). `externalIds` limits it to those customers.
 */
export async function runLedgerCheck(
  connectionString: string,
  externalIds: string[] | null = null,
): Promise<LedgerProblem[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    let ids: string[] | null = null;
    if (externalIds) {
      const found = await client.query<{ id: string }>(
        "SELECT id::text FROM customers WHERE external_id = ANY($1::text[])",
        [externalIds],
      );
      ids = found.rows.map((r) => r.id);
    }
    const sql = pgSql(client);
    const problems = [
      ...(await checkLedger(sql, ids)),
      ...(await checkInvoices(sql, ids)),
      ...(await checkCorrections(sql, ids)),
    ];
    await client.query("COMMIT");
    return problems;
  } finally {
    await client.end().catch(() => {});
  }
}

/** One line per problem, naming the customer. */
export function describeProblems(problems: LedgerProblem[]): string {
  return problems
    .map((p) => `customer ${p.externalId} (${p.customerId}): ${p.check}: ${p.message}`)
    .join("\n");
}
