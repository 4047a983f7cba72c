/**
 * `npm run ledger:check [-- --customer <externalId> ...]`: verifies the credit ledger
 * (lib/ledger/check-ledger.ts): balances equal their entries, grants stay within their amounts, credit
 * debits equal the rated usage they paid for. Prints each problem naming the customer and exits 1 on any;
 * exits 0 when the ledger is consistent, 2 when it cannot check.
 *
 * It checks the database at DATABASE_URL; without one, `npm start`'s embedded database (METERLY_DATA_DIR,
 * default .data): through the running `npm start` when there is one, else by opening its files here
 * (scripts/support/local-database.ts). With no embedded database made yet, it says so and exits 2.
 */
import path from "node:path";
import { describeProblems, runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { connectLocalDatabase, localDataDir } from "./support/local-database";

function customersFromArgs(argv: string[]): string[] | null {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--customer" && argv[i + 1]) out.push(argv[++i]);
    else if (argv[i].startsWith("--customer=")) out.push(argv[i].slice("--customer=".length));
  }
  return out.length ? out : null;
}

async function check(url: string, only: string[] | null): Promise<number> {
  const problems = await runLedgerCheck(url, only);
  if (problems.length === 0) {
    console.log(`Ledger is consistent${only ? ` for ${only.join(", ")}` : ""}.`);
    return 0;
  }
  console.error(`Ledger check found ${problems.length} problem(s):\n${describeProblems(problems)}`);
  return 1;
}

async function main(): Promise<number> {
  const only = customersFromArgs(process.argv.slice(2));
  if (process.env.DATABASE_URL) return check(process.env.DATABASE_URL, only);

  const dataDir = localDataDir();
  const where = `${path.relative(process.cwd(), dataDir) || "."}/pglite`;
  const local = await connectLocalDatabase(dataDir);
  if (!local) {
    console.error(`No embedded database in ${where} yet: run \`npm start\` once (it makes and seeds it), or set DATABASE_URL to the database to check.`);
    return 2;
  }
  console.log(local.servedBy ? `Checking the embedded database in ${where}, served by npm start (process ${local.servedBy}).` : `Checking the embedded database in ${where}.`);
  try {
    return await check(local.url, only);
  } finally {
    await local.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
