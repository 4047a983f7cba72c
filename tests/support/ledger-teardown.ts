import { describeProblems, runLedgerCheck } from "@/lib/checks/run-ledger-check";

/** ledger:check over everything the whole suite did (run at the end of the run, before the database is dropped). */
export async function assertLedgerConsistent(databaseUrl: string): Promise<void> {
  const problems = await runLedgerCheck(databaseUrl);
  if (problems.length > 0) throw new Error(`ledger:check found ${problems.length} problem(s) after the test run:\n${describeProblems(problems)}`);
  console.log("ledger:check after the test run: the credit ledger is consistent.");
}
