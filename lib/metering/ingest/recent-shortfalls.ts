/**
 * The customers whose prepaid balance an ingest write found short in the last `forMs`: a group with one
 * of them is written carefully from the start (savepoints, store-funded-events.ts) instead of
 * trying the fast path first and writing the whole group twice, as it would for each group while such a
 * customer keeps sending events its credits cannot cover.
 */
export class RecentShortfalls {
  private readonly until = new Map<string, number>();

  constructor(private readonly forMs = 60_000) {}

  note(customerId: string, now = Date.now()): void {
    if (this.until.size >= 10_000) for (const [id, t] of this.until) if (t <= now) this.until.delete(id);
    this.until.set(customerId, now + this.forMs);
  }

  anyOf(customerIds: Iterable<string>, now = Date.now()): boolean {
    if (this.until.size === 0) return false;
    for (const id of customerIds) {
      const t = this.until.get(id);
      if (t === undefined) continue;
      if (t > now) return true;
      this.until.delete(id);
    }
    return false;
  }
}
