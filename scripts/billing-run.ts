/**
 * `npm run billing:run -- [--at ISO-time] [--customer externalId|id] [--dry-run]`: the billing close
 * (lib/billing/run-billing-close.ts) as of `--at` (default now): every period ended by then gets its draft
 * invoice, every draft past its grace period is finalized. Prints what it did, with a progress line per
 * 1,000 periods drafted and per 1,000 drafts finalized. Idempotent: a second run creates nothing. Exit 0 done, 2 bad arguments or no database.
 *
 * Database: DATABASE_URL, else `npm start`'s embedded one (as ledger:check finds it).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { connectLocalDatabase, localDataDir } from "./support/local-database";

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      at: { type: "string" },
      customer: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
    strict: true,
  });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`--at must be an ISO time such as 2026-12-01T00:00:00Z (got "${values.at}")`);
  return { at, customer: values.customer ?? null, dryRun: values["dry-run"] ?? false };
}

async function run(opts: ReturnType<typeof options>): Promise<number> {
  const { prisma, closeDb } = await import("@/lib/db/client");
  const { runBillingClose } = await import("@/lib/billing/run-billing-close");
  try {
    let customerId: string | undefined;
    if (opts.customer) {
      const c = await prisma.customer.findFirst({
        where: /^[0-9a-f-]{36}$/i.test(opts.customer) ? { id: opts.customer } : { externalId: opts.customer },
      });
      if (!c) throw new UsageError(`No customer "${opts.customer}" (give its externalId or id)`);
      customerId = c.id;
    }
    const started = Date.now();
    const s = await runBillingClose({
      at: opts.at,
      customerId,
      dryRun: opts.dryRun,
      onProgress: (line) => console.log(line),
    });
    const verb = s.dryRun ? "would draft" : "drafted";
    console.log(
      `Billing close as of ${s.at}${s.dryRun ? " (dry run: nothing written)" : ""}: ${s.customers} customer(s) examined, ${verb} ${s.drafted} invoice(s)` +
        `${s.alreadyDrafted ? ` (${s.alreadyDrafted} already drafted)` : ""}, ${s.dryRun ? `${s.dueDrafts} draft(s) due to finalize` : `finalized ${s.finalized} of ${s.dueDrafts} due draft(s)`}${s.creditNotes || s.supplements ? `; corrections of finalized periods: ${s.creditNotes} credit note(s), ${s.supplements} supplemental invoice(s)` : ""} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  } finally {
    await closeDb();
  }
}

async function main(): Promise<number> {
  const opts = options();
  if (process.env.DATABASE_URL) return run(opts);
  const dataDir = localDataDir();
  const local = await connectLocalDatabase(dataDir);
  if (!local) {
    console.error(
      `No embedded database in ${path.relative(process.cwd(), dataDir) || "."}/pglite yet: run \`npm start\` once, or set DATABASE_URL.`,
    );
    return 2;
  }
  process.env.DATABASE_URL = local.url;
  try {
    return await run(opts);
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
