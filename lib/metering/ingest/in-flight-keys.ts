/**
 * Which events (by eventKey) the group transactions in flight in this process are writing. A group
 * claims the keys no other group holds and is told when the holders of the others are done, so that its
 * event insert never meets another writer's uncommitted insert of the same event: PostgreSQL would make
 * the whole insert wait for that transaction to end (measured: about 40% of the insert's time when
 * 10% of events are re-sends). Claims are ordered by time, so a group only ever waits for older
 * groups, never the reverse.
 */
export class InFlightKeys {
  private readonly holders = new Map<string, Promise<boolean>>();

  /**
   * `mine[i]`: whether keys[i] is now this claim's to write. `others`: resolves, once every group holding
   * one of the other keys has ended, true if all of them committed (the events are stored), false if one
   * rolled back; null when there are none. `release(committed)` ends the claim: after COMMIT, or after
   * ROLLBACK (waiters then write those events themselves).
   */
  claim(keys: readonly string[]): { mine: boolean[]; others: Promise<boolean> | null; release: (committed: boolean) => void } {
    let resolve!: (committed: boolean) => void;
    const done = new Promise<boolean>((r) => (resolve = r));
    const mine = new Array<boolean>(keys.length);
    const claimed: string[] = [];
    const waits = new Set<Promise<boolean>>();
    for (let i = 0; i < keys.length; i++) {
      const holder = this.holders.get(keys[i]);
      if (holder) {
        mine[i] = false;
        waits.add(holder);
      } else {
        mine[i] = true;
        this.holders.set(keys[i], done);
        claimed.push(keys[i]);
      }
    }
    const others = waits.size === 0 ? null : Promise.all(waits).then((all) => all.every(Boolean));
    let released = false;
    const release = (committed: boolean) => {
      if (released) return;
      released = true;
      for (const k of claimed) if (this.holders.get(k) === done) this.holders.delete(k);
      resolve(committed);
    };
    return { mine, others, release };
  }

  /** Keys held now (tests). */
  get size(): number {
    return this.holders.size;
  }
}

/**
 * The groups writing some of this group's events rolled back, or did not end within HELD_WAIT_MS: this
 * group's transaction is rolled back and written again. The time limit breaks the one wait PostgreSQL
 * cannot see: an older group queued behind a void's customer lock, which itself waits for this group.
 */
export class HeldEventsNotStored extends Error {
  constructor(why: string) {
    super(`events held by another group in flight: ${why}`);
  }
}

const HELD_WAIT_MS = 5000;

/** Waits for the holders of a claim's other keys (InFlightKeys.claim's `others`); throws HeldEventsNotStored unless all committed in time. */
export async function awaitHolders(others: Promise<boolean> | null): Promise<void> {
  if (!others) return;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"expired">((resolve) => (timer = setTimeout(() => resolve("expired"), HELD_WAIT_MS)));
  const outcome = await Promise.race([others, expired]);
  clearTimeout(timer);
  if (outcome === "expired") throw new HeldEventsNotStored(`not done within ${HELD_WAIT_MS} ms`);
  if (!outcome) throw new HeldEventsNotStored("rolled back");
}
