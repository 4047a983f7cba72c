/**
 * `npm run ledger:check [-- --customer <externalId> ...]`: verifies the credit ledger in the database at
 * DATABASE_URL (lib/ledger/check-ledger.ts): balances equal their entries, grants stay within their amounts,
 * credit debits equal the rated usage they paid for. Prints each problem naming the customer and exits 1 on
 * any; exits 0 when the ledger is consistent. With `npm start`'s embedded database, run it while the app is
 * running, with the DATABASE_URL the start printed (postgresql://postgres:postgres@127.0.0.1:<port>/postgres).
 */
import { describeProblems, runLedgerCheck } from "@/lib/ledger/run-ledger-check";

function customersFromArgs(argv: string[]): string[] | null {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--customer" && argv[i + 1]) out.push(argv[++i]);
    else if (argv[i].startsWith("--customer=")) out.push(argv[i].slice("--customer=".length));
  }
  return out.length ? out : null;
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL to the database to check (npm start prints its embedded database's port).");
    return 2;
  }
  const only = customersFromArgs(process.argv.slice(2));
  const problems = await runLedgerCheck(url, only);
  if (problems.length === 0) {
    console.log(`Ledger is consistent${only ? ` for ${only.join(", ")}` : ""}.`);
    return 0;
  }
  console.error(`Ledger check found ${problems.length} problem(s):\n${describeProblems(problems)}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
