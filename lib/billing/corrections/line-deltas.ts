import { MoneyDecimal } from "@/lib/money/decimal";
import type { ComposedLine } from "../invoice-types";

/** A line as billed so far: the invoice's line, plus supplements' and less credit notes' changes to it. */
export type BilledLine = Pick<
  ComposedLine,
  "kind" | "description" | "subscriptionId" | "meterId" | "quantity" | "amountExact" | "amountMinor"
>;

/** What changed in one line since it was billed: amounts as changes (minor units and exact), quantities before and after. */
export type LineDelta = {
  key: string;
  kind: ComposedLine["kind"];
  description: string;
  subscriptionId: string | null;
  meterId: string | null;
  quantityBefore: string | null;
  quantityAfter: string | null;
  amountExact: string;
  amountMinor: bigint;
};

/** Lines are matched by kind, subscription and meter: one base fee per subscription, one usage line per meter. */
export const lineKey = (l: { kind: string; subscriptionId: string | null; meterId: string | null }) =>
  `${l.kind}|${l.subscriptionId ?? ""}|${l.meterId ?? ""}`;

/** Adds line changes (supplements positive, credit notes negative) to what was billed, by line key. */
export function addToBilled(billed: Map<string, BilledLine>, changes: BilledLine[]): void {
  for (const c of changes) {
    const key = lineKey(c);
    const was = billed.get(key);
    billed.set(key, {
      ...c,
      quantity: c.quantity ?? was?.quantity ?? null,
      amountExact: new MoneyDecimal(was?.amountExact ?? "0").plus(c.amountExact).toFixed(),
      amountMinor: (was?.amountMinor ?? 0n) + c.amountMinor,
    });
  }
}

/**
 * The lines whose charged amount differs between what was billed and the period composed now, in the
 * order of the current composition (then lines that disappeared). Quantity changes that cost nothing (inside
 * the included units) are not corrections.
 */
export function lineDeltas(billed: Map<string, BilledLine>, current: ComposedLine[]): LineDelta[] {
  const out: LineDelta[] = [];
  const seen = new Set<string>();
  for (const c of current) {
    const key = lineKey(c);
    seen.add(key);
    const was = billed.get(key);
    const amountMinor = c.amountMinor - (was?.amountMinor ?? 0n);
    if (amountMinor === 0n) continue;
    out.push({
      key,
      kind: c.kind,
      description: c.description,
      subscriptionId: c.subscriptionId,
      meterId: c.meterId,
      quantityBefore: was?.quantity ?? null,
      quantityAfter: c.quantity,
      amountExact: new MoneyDecimal(c.amountExact).minus(was?.amountExact ?? "0").toFixed(),
      amountMinor,
    });
  }
  for (const [key, was] of billed) {
    if (seen.has(key) || was.amountMinor === 0n) continue;
    out.push({
      key,
      kind: was.kind,
      description: was.description,
      subscriptionId: was.subscriptionId,
      meterId: was.meterId,
      quantityBefore: was.quantity,
      quantityAfter: null,
      amountExact: new MoneyDecimal(was.amountExact).negated().toFixed(),
      amountMinor: -was.amountMinor,
    });
  }
  return out;
}

/** The change in charges (every line but credits applied) and in credits applied (positive: more credits paid). */
export function deltaTotals(deltas: LineDelta[]): { chargesMinor: bigint; creditsMinor: bigint } {
  let chargesMinor = 0n;
  let creditsMinor = 0n;
  for (const d of deltas) {
    if (d.kind === "CREDITS_APPLIED") creditsMinor -= d.amountMinor;
    else chargesMinor += d.amountMinor;
  }
  return { chargesMinor, creditsMinor };
}
