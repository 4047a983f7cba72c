import "server-only";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { BillingInterval } from "@/lib/subscriptions/billing-period";
import { correctStaleInvoices } from "./corrections/correct-stale-invoices";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { draftInvoices, type DraftRequest } from "./draft-invoices";
import { duePeriods, type BillableSubscription } from "./due-periods";
import { finalizeDrafts } from "./finalize-drafts";
import { groupBy } from "./group-by";
import type { VersionCache } from "./load-period-inputs";

export type BillingRunOptions = {
  /** The run's "now": periods ended by then are closed, drafts due by then finalized. */
  at?: Date;
  customerId?: string;
  /** Report what would be done; write nothing. */
  dryRun?: boolean;
  graceHours?: number;
  /** Default INVOICE_NUMBER_PREFIX. */
  numberPrefix?: string;
  /** Transactions at once (each drafts or finalizes a chunk of periods). */
  concurrency?: number;
  onProgress?: (line: string) => void;
};

export type BillingRunSummary = {
  customers: number;
  drafted: number;
  alreadyDrafted: number;
  finalized: number;
  dueDrafts: number;
  /** Credit notes and supplemental invoices issued for finalized periods whose charges changed. */
  creditNotes: number;
  supplements: number;
  at: string;
  dryRun: boolean;
};

/**
 * The billing close, safe on any number of instances at once: first every subscription period that ended
 * by `at` gets its invoice as a DRAFT (one per customer and period: a unique key), then every draft whose
 * grace period is over is finalized (the invoice row is locked and must still be a draft), then finalized
 * invoices whose period's charges changed since get their credit note or supplemental invoice (corrections/).
 * Running it twice creates nothing new.
 */
export async function runBillingClose(opts: BillingRunOptions = {}): Promise<BillingRunSummary> {
  const at = opts.at ?? new Date();
  const graceMs = (opts.graceHours ?? env().BILLING_GRACE_HOURS) * 3_600_000;
  const summary: BillingRunSummary = {
    customers: 0,
    drafted: 0,
    alreadyDrafted: 0,
    finalized: 0,
    dueDrafts: 0,
    creditNotes: 0,
    supplements: 0,
    at: at.toISOString(),
    dryRun: !!opts.dryRun,
  };
  const byCustomer = await billableSubscriptions(at, opts.customerId);
  const requests: DraftRequest[] = [];
  for (const subs of byCustomer.values()) {
    const { customerId, currency } = subs[0];
    const periods = new Map<string, DraftRequest>();
    for (const s of subs) {
      for (const p of duePeriods(s, at)) {
        const key = `${p.start.toISOString()}|${p.end.toISOString()}`;
        const entry = periods.get(key) ?? {
          customerId,
          currency,
          period: p,
          finalizeAfter: new Date(p.end.getTime() + graceMs),
          subscriptionIds: [],
        };
        entry.subscriptionIds.push(s.id);
        periods.set(key, entry);
      }
    }
    requests.push(...[...periods.values()].sort((a, b) => a.period.end.getTime() - b.period.end.getTime()));
  }
  summary.customers = byCustomer.size;
  const concurrency = opts.concurrency ?? 2;
  const versions: VersionCache = new Map();
  if (opts.dryRun) {
    summary.drafted = requests.length;
    for (const r of requests)
      opts.onProgress?.(
        `would draft ${r.customerId} ${r.period.start.toISOString()} – ${r.period.end.toISOString()}`,
      );
  } else {
    const progress = progressLines(requests.length, "periods drafted", opts.onProgress);
    await eachConcurrently(chunks(requests, DRAFT_CHUNK), concurrency, async (chunk) => {
      const created = await withPgTransaction((sql) => draftInvoices(sql, chunk, versions));
      summary.drafted += created;
      summary.alreadyDrafted += chunk.length - created;
      progress(chunk.length);
    });
  }
  const due = await prisma.invoice.findMany({
    where: {
      status: "DRAFT",
      finalizeAfter: { lte: at },
      ...(opts.customerId ? { customerId: opts.customerId } : {}),
    },
    select: { customerId: true, id: true },
    orderBy: [{ customerId: "asc" }, { periodEnd: "asc" }],
  });
  summary.dueDrafts = due.length;
  if (!opts.dryRun) {
    const numberPrefix = opts.numberPrefix ?? env().INVOICE_NUMBER_PREFIX;
    const progress = progressLines(due.length, "drafts finalized", opts.onProgress);
    await eachConcurrently(
      chunks(
        due.map((d) => ({ customerId: d.customerId, invoiceId: d.id })),
        FINALIZE_CHUNK,
      ),
      concurrency,
      async (chunk) => {
        const done = await withPgTransaction((sql) =>
          finalizeDrafts(sql, chunk, at, { numberPrefix, versions }),
        );
        summary.finalized += done.length;
        progress(chunk.length);
      },
    );
  }
  if (!opts.dryRun) {
    for (const c of await correctStaleInvoices({ customerId: opts.customerId })) {
      if (c.kind === "credit_note") summary.creditNotes++;
      if (c.kind === "supplement") summary.supplements++;
    }
  }
  return summary;
}

/** Periods drafted, and drafts finalized, per transaction: a few statements each whatever the count. */
const DRAFT_CHUNK = 500;
const FINALIZE_CHUNK = 200;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A progress line each time another 1,000 are done. */
function progressLines(total: number, what: string, onProgress?: (line: string) => void) {
  let done = 0;
  return (n: number) => {
    const before = Math.floor(done / 1000);
    done += n;
    if (onProgress && Math.floor(done / 1000) > before) onProgress(`${what}: ${done} of ${total}`);
  };
}

type Row = BillableSubscription & { currency: string };

/** Subscriptions that started by `at` and may have a period without an invoice, by customer. */
async function billableSubscriptions(at: Date, customerId?: string): Promise<Map<string, Row[]>> {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      customer_id: string;
      anchor_at: Date;
      started_at: Date;
      ends_at: Date | null;
      billed_through: Date | null;
      interval: BillingInterval;
      currency: string;
    }[]
  >`
    SELECT s.id::text, s.customer_id::text, s.anchor_at, s.started_at, s.ends_at, s.billed_through, v.interval::text AS interval, v.currency
    FROM subscriptions s JOIN plan_versions v ON v.id = s.plan_version_id
    WHERE s.started_at < ${at} AND (s.billed_through IS NULL OR s.ends_at IS NULL OR s.billed_through < s.ends_at)
      AND (s.billed_through IS NULL OR s.billed_through < ${at})
      AND (${customerId ?? null}::uuid IS NULL OR s.customer_id = ${customerId ?? null}::uuid)
    ORDER BY s.customer_id, s.started_at`;
  const subs = rows.map((r): Row => ({
    id: r.id,
    customerId: r.customer_id,
    anchorAt: r.anchor_at,
    startedAt: r.started_at,
    endsAt: r.ends_at,
    billedThrough: r.billed_through,
    interval: r.interval,
    currency: r.currency,
  }));
  return groupBy(subs, (s) => s.customerId);
}

/** Runs `fn` over items with at most `limit` running at once; the first error is thrown after all settle. */
async function eachConcurrently<T>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        await fn(items[i], i);
      } catch (e) {
        errors.push(e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length) throw errors[0];
}
