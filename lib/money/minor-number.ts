/** A minor-unit amount as a JSON integer; refuses one past 2^53 rather than lose digits. */
export function minorToNumber(amount: bigint): number {
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${amount} minor units do not fit a JSON integer exactly`);
  }
  return Number(amount);
}
