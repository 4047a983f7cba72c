/**
 * How long a balance lasts at a burn rate: whole days, from what the last `days` days burned. Null when
 * nothing was burned (no rate to go by). Minor units in, a number of days out (a count, not money).
 */
export function creditRunwayDays(balanceMinor: bigint, burnedMinor: bigint, days: number): number | null {
  if (burnedMinor <= 0n || days <= 0) return null;
  if (balanceMinor <= 0n) return 0;
  // balance / (burned / days), in integers: floor(balance * days / burned).
  return Number((balanceMinor * BigInt(days)) / burnedMinor);
}
