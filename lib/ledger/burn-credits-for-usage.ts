import "server-only";
import { burnForCustomer, type WrittenEvents } from "./burn-usage";
import type { Sql } from "@/lib/db/sql";
import { loadSubscriptionTerms } from "./subscription-terms";
import { tallyPeriods } from "./tally-periods";
import { periodCharges, type PeriodCharge, type PeriodTally, type RatedChange } from "./usage-charges";

/**
 * The ledger's hook at the end of an ingestion write, after rating (lib/metering/ingest/apply-new-usage.ts): tallies
 * each period's rated delta and burns each customer's credits for it (burn-usage.ts), customers in id order
 * (the wallet lock order). `events` are the write's new events. Throws InsufficientCreditsError for a
 * PREPAID customer whose balance cannot cover the usage. Returns each period's rated delta (what the limits check).
 */
export async function burnCreditsForUsage(sql: Sql, events: readonly { customerId: string; id: string }[], changes: readonly RatedChange[], now = new Date()): Promise<PeriodCharge[]> {
  if (changes.length === 0) return [];
  const terms = await loadSubscriptionTerms(sql, changes.map((c) => c.subscriptionId));
  const charges = periodCharges(changes, terms).filter((c) => c.deltaMinor !== 0n);
  if (charges.length === 0) return [];
  const tallies = await tallyPeriods(sql, charges);
  const byCustomer = new Map<string, PeriodTally[]>();
  for (const t of tallies) byCustomer.set(t.customerId, [...(byCustomer.get(t.customerId) ?? []), t]);
  const written = writtenPerCustomer(events);
  for (const customerId of [...byCustomer.keys()].sort()) {
    const periods = byCustomer.get(customerId)!;
    const currency = terms.get(periods[0].subscriptionId)!.currency;
    await burnForCustomer(sql, customerId, currency, periods, written.get(customerId) ?? { count: 0, firstId: "", lastId: "" }, now);
  }
  return charges;
}

function writtenPerCustomer(events: readonly { customerId: string; id: string }[]): Map<string, WrittenEvents> {
  const out = new Map<string, WrittenEvents>();
  for (const e of events) {
    const w = out.get(e.customerId);
    if (!w) out.set(e.customerId, { count: 1, firstId: e.id, lastId: e.id });
    else {
      w.count++;
      if (e.id < w.firstId) w.firstId = e.id;
      if (e.id > w.lastId) w.lastId = e.id;
    }
  }
  return out;
}
