import "server-only";
import { recordRechargeCrossing } from "@/lib/ledger/record-crossing";
import type { CurrencyCode } from "@/lib/money/currencies";
import { debitWallet, spendableWallet } from "./debit-wallet";
import { grantCredits } from "./grant-credits";
import { InsufficientCreditsError } from "./insufficient-credits";
import type { Sql } from "@/lib/db/sql";
import { creditPeriodGrants, uncreditPeriodGrants } from "./credit-period-grants";
import { pairPeriodGrants } from "./period-grants";
import { creditPeriods } from "./tally-periods";
import { burnPlan, creditedPerPeriod, periodKey, type BurnPlan, type PeriodTally } from "./usage-charges";
import { lockWallet } from "./wallet";

/** The new events of one customer in this write, for the BURN entry's reference. */
export type WrittenEvents = { count: number; firstId: string; lastId: string };

/** Why a correction moved the balance, as the member's history says it ("Usage voided: event e-42 (test traffic)"). */
export type CorrectionNote = { refund: string; burn: string };

/**
 * Burns one customer's credits for the usage of one ingestion write, in its transaction: ONE burn entry for
 * the write. PREPAID usage must be covered in full, else InsufficientCreditsError (the caller refuses the
 * events; nothing is burned); POSTPAID usage burns what credits there are and leaves the rest to the
 * invoice. Credits paid for usage that now costs less are given back first. Customers without credits and
 * without prepaid usage cost nothing here. When the burn takes the balance under the auto-recharge
 * threshold, the crossing is recorded (and its PaymentIntent made after commit). With refuse: false (a
 * correction), prepaid usage too burns only what there is; `note` names the correction in the entries.
 */
export async function burnForCustomer(
  sql: Sql,
  customerId: string,
  currency: CurrencyCode,
  periods: PeriodTally[],
  written: WrittenEvents,
  now: Date,
  opts: { refuse: boolean; note?: CorrectionNote } = { refuse: true },
): Promise<void> {
  const plan = asked(burnPlan(periods), opts.refuse);
  if (plan.requiredMinor === 0n && plan.optionalMinor === 0n && plan.refunds.length === 0) return;
  const locked = await lockWallet(sql, customerId);
  if (!locked || locked.currency !== currency) {
    if (plan.requiredMinor > 0n) throw new InsufficientCreditsError({ customerId, currency, balanceMinor: 0n, neededMinor: plan.requiredMinor });
    return;
  }
  let wallet = locked;
  for (const r of plan.refunds) {
    const given = await grantCredits(sql, { customerId, kind: "ADJUSTMENT", amountMinor: r.amountMinor, currency, description: opts.note?.refund ?? "Usage repriced: credits returned", usageRefund: true });
    wallet = given!.wallet;
    await creditPeriods(sql, customerId, [{ ...r.period, amountMinor: -r.amountMinor }]);
    await uncreditPeriodGrants(sql, customerId, r.period, r.amountMinor);
  }
  const spendable = await spendableWallet(sql, wallet, now);
  const available = spendable.wallet.balanceMinor;
  if (plan.requiredMinor > available) throw new InsufficientCreditsError({ customerId, currency, balanceMinor: available, neededMinor: plan.requiredMinor });
  const optional = plan.optionalMinor < available - plan.requiredMinor ? plan.optionalMinor : available - plan.requiredMinor;
  const burn = plan.requiredMinor + optional;
  if (burn === 0n) return;
  const usage = { ratedMinor: plan.requiredMinor + plan.optionalMinor, eventCount: written.count, firstEventId: written.firstId, lastEventId: written.lastId };
  const description =
    written.count === 0 ? (opts.note?.burn ?? "Usage re-rated after a correction") : `Usage: ${written.count} event${written.count === 1 ? "" : "s"}`;
  const after = await debitWallet(sql, spendable, burn, { kind: "BURN", description, usage });
  const credited = creditedPerPeriod(periods, burn);
  const moves = periods.filter((p) => credited.has(periodKey(p))).map((p) => ({ ...p, amountMinor: credited.get(periodKey(p))! }));
  await creditPeriods(sql, customerId, moves);
  await creditPeriodGrants(sql, customerId, pairPeriodGrants(moves, after.movements));
  await recordRechargeCrossing(sql, customerId, after.wallet.balanceMinor);
}

/** A correction is never refused: what prepaid usage needs becomes what it may take. */
function asked(plan: BurnPlan, refuse: boolean): BurnPlan {
  return refuse ? plan : { ...plan, requiredMinor: 0n, optionalMinor: plan.requiredMinor + plan.optionalMinor };
}
