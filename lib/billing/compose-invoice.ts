import { formatMinor } from "@/lib/money/format";
import { fromMinorUnits } from "@/lib/money/round";
import { baseFeeLine } from "./base-fee-line";
import { creditsAppliedLine } from "./credits-applied-line";
import type { ComposedInvoice, ComposedLine, PeriodInputs } from "./invoice-types";
import { usageLines } from "./usage-lines";

/**
 * An invoice for one billing period, from the subscriptions in force during it (oldest first) and their
 * running charges. The one function behind the upcoming-invoice preview, the draft and the finalized
 * invoice, so the preview taken just before the close is the invoice finalized. Lines:
 *   per subscription: its base fee (prorated to the second when it covered part of the period), then
 *   one line per priced meter; then the minimum-spend top-up of the version in force at the end; then
 *   the credits that prepaid credits paid of the usage (negative), with which grants paid how much.
 * Each line is rounded once (lib/money/round); the totals add the rounded lines.
 */
export function composeInvoice(inputs: PeriodInputs): ComposedInvoice {
  const { currency, periodStart, periodEnd } = inputs;
  const period = { index: 0, start: periodStart, end: periodEnd };
  const subs = [...inputs.subscriptions].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const lines: ComposedLine[] = [];
  for (const sub of subs) {
    const base = baseFeeLine(sub, period, currency);
    if (base) lines.push(base);
    lines.push(...usageLines(sub, period, currency));
  }
  const subtotal = lines.reduce((sum, l) => sum + l.amountMinor, 0n);
  const last = subs.at(-1);
  const minimum = last?.version.minimumSpendMinor ?? 0n;
  if (last && subtotal < minimum) {
    const topUp = minimum - subtotal;
    lines.push({
      kind: "MINIMUM_SPEND",
      description: `Minimum spend top-up to ${formatMinor(minimum, currency)}`,
      subscriptionId: last.id,
      meterId: null,
      fromAt: periodStart,
      toAt: periodEnd,
      quantity: null,
      includedUnits: null,
      amountExact: fromMinorUnits(topUp, currency).toFixed(),
      amountMinor: topUp,
      details: {},
    });
  }
  const totalMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0n);
  const credits = creditsAppliedLine(subs, totalMinor, currency, { start: periodStart, end: periodEnd });
  if (credits) lines.push(credits);
  const creditsMinor = credits ? -credits.amountMinor : 0n;
  return {
    currency,
    periodStart,
    periodEnd,
    lines,
    totalMinor,
    creditsMinor,
    amountDueMinor: totalMinor - creditsMinor,
  };
}
