/** A grant as the burn sees it. */
export type BurnableGrant = { id: string; remainingMinor: bigint; priority: number; expiresAt: Date | null; createdAt: Date };

/** What an entry does to one grant's remaining amount (negative: taken). */
export type Movement = { grantId: string; amountMinor: bigint };

/**
 * Burn order: the grant expiring soonest first (grants that never expire last), then the lower priority
 * number, then the oldest; the id breaks the last ties so the order is total.
 */
export function compareBurnOrder(a: BurnableGrant, b: BurnableGrant): number {
  const ea = a.expiresAt?.getTime() ?? Infinity;
  const eb = b.expiresAt?.getTime() ?? Infinity;
  if (ea !== eb) return ea < eb ? -1 : 1;
  if (a.priority !== b.priority) return a.priority - b.priority;
  const ca = a.createdAt.getTime();
  const cb = b.createdAt.getTime();
  if (ca !== cb) return ca - cb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Takes `amountMinor` from the grants in burn order, each down to zero before the next is touched.
 * Returns one negative movement per grant used. Throws when the grants hold less than the amount:
 * callers check the balance first, so that is a bug, never a partial burn.
 */
export function allocateBurn(grants: readonly BurnableGrant[], amountMinor: bigint): Movement[] {
  if (amountMinor < 0n) throw new RangeError("a burn takes a non-negative amount");
  const out: Movement[] = [];
  let left = amountMinor;
  for (const g of [...grants].sort(compareBurnOrder)) {
    if (left === 0n) break;
    if (g.remainingMinor <= 0n) continue;
    const take = g.remainingMinor < left ? g.remainingMinor : left;
    out.push({ grantId: g.id, amountMinor: -take });
    left -= take;
  }
  if (left > 0n) throw new RangeError(`grants hold ${amountMinor - left} but ${amountMinor} was to be burned`);
  return out;
}
