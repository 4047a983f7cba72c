import { fromMinorUnits } from "@/lib/money/round";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { AppliedGrant, ComposedLine, CreditGrantShare, PeriodSubscription } from "./invoice-types";

/**
 * The negative line of what prepaid credits paid of the period's usage, at most the total, with which grants
 * paid how much (oldest grant first). Credits burned before grants were tracked per period show as one part
 * with no grant; when the credits exceed the total, the newest grants' parts are cut first.
 */
export function creditsAppliedLine(
  subs: readonly PeriodSubscription[],
  totalMinor: bigint,
  currency: CurrencyCode,
  period: { start: Date; end: Date },
): ComposedLine | null {
  const credited = subs.reduce((sum, s) => sum + s.creditedMinor, 0n);
  const creditsMinor = credited > totalMinor ? totalMinor : credited;
  if (creditsMinor <= 0n) return null;
  return {
    kind: "CREDITS_APPLIED",
    description: "Prepaid credits applied to usage",
    subscriptionId: null,
    meterId: null,
    fromAt: period.start,
    toAt: period.end,
    quantity: null,
    includedUnits: null,
    amountExact: fromMinorUnits(-creditsMinor, currency).toFixed(),
    amountMinor: -creditsMinor,
    details: { grants: grantParts(subs, credited, creditsMinor) },
  };
}

function grantParts(subs: readonly PeriodSubscription[], credited: bigint, applied: bigint): AppliedGrant[] {
  const byGrant = new Map<string, CreditGrantShare>();
  for (const s of subs)
    for (const g of s.creditGrants) {
      const seen = byGrant.get(g.grantId);
      byGrant.set(g.grantId, seen ? { ...seen, amountMinor: seen.amountMinor + g.amountMinor } : g);
    }
  const parts: { grantId: string | null; kind: string; description: string; amountMinor: bigint }[] = [
    ...byGrant.values(),
  ];
  const named = parts.reduce((sum, p) => sum + p.amountMinor, 0n);
  if (credited > named)
    parts.push({
      grantId: null,
      kind: "UNTRACKED",
      description: "Credits burned before grants were tracked per period",
      amountMinor: credited - named,
    });
  let left = applied;
  const out: AppliedGrant[] = [];
  for (const p of parts) {
    const take = p.amountMinor < left ? p.amountMinor : left;
    if (take <= 0n) break;
    out.push({ ...p, amountMinor: take.toString() });
    left -= take;
  }
  return out;
}
