/**
 * Who may talk to the one PGlite session right now. A connection keeps it from its first unit until
 * it is back at ReadyForQuery outside a transaction block, so no other connection's statements run
 * inside its transaction or between its Parse and its Sync. Waiters are served first come, first served.
 */
export class PGliteSessionOwner<T> {
  private owner: T | null = null;
  private waiters: { who: T; grant: () => void }[] = [];

  /** Resolves once `who` owns the session (at once if it already does). */
  acquire(who: T): Promise<void> {
    if (this.owner === who) return Promise.resolve();
    if (this.owner === null) {
      this.owner = who;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiters.push({ who, grant }));
  }

  isOwner(who: T): boolean {
    return this.owner === who;
  }

  /** Hands the session to the longest waiter; a no-op unless `who` owns it. */
  release(who: T): void {
    if (this.owner !== who) return;
    const next = this.waiters.shift();
    this.owner = next ? next.who : null;
    next?.grant();
  }
}
