import "server-only";
import pg from "pg";
import { checkInvoices } from "@/lib/billing/checks/check-invoices";
import { checkLedger, type LedgerProblem } from "./check-ledger";
import { pgSql } from "@/lib/db/sql";

/**
 * Runs the ledger check (credits, and invoices: lib/billing/check-invoices.ts) on its own connection, in one REPEATABLE READ snapshot, so a live database with
 * ingestion under way is checked as of one moment. `externalIds` limits it to those customers.
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
    const problems = [
      ...(await checkLedger(pgSql(client), ids)),
      ...(await checkInvoices(pgSql(client), ids)),
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
