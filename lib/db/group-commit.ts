/**
 * Group commit: concurrent callers submit work and wait; at most `writers` groups are written at a time,
 * each group holding everything queued when a writer became free (up to `maxGroupSize` units), written
 * by one call of `writeGroup` (one transaction). While groups are in flight, new submissions queue for
 * the next group, so one transaction carries many requests when the rate is high and a lone request is
 * written at once when it is low.
 *
 * A failed group never fails its requests blindly: each request of a failed group of several is
 * written again on its own, so one bad request cannot take innocent ones down with it, and every
 * caller gets its own result or its own error. Nothing resolves before `writeGroup` has returned, so a
 * caller is never told its work is done before the transaction that holds it committed.
 */
export type GroupCommitOptions<Req, Res> = {
  /** Writes all requests in one transaction and returns one result per request, in order. */
  writeGroup: (requests: Req[]) => Promise<Res[]>;
  /** The request's weight against `maxGroupSize` (its event count). */
  sizeOf: (request: Req) => number;
  /** A group takes requests until this many units (always at least one request). */
  maxGroupSize: number;
  /** How many groups may be written at once. */
  writers: number;
  /**
   * While a group is in flight, another writer starts only when at least this many units wait (default
   * 1): at a low rate one writer makes bigger groups (fewer statements per request); at a high rate a
   * second overlaps its work with the first's.
   */
  backlogForAnotherWriter?: number;
};

/** Counters since start: how well requests are being grouped. */
export type GroupCommitStats = { groups: number; requests: number; units: number; failedGroups: number; busyMs: number };

type Pending<Req, Res> = { request: Req; size: number; resolve: (r: Res) => void; reject: (e: unknown) => void };

export class GroupCommit<Req, Res> {
  private readonly queue: Pending<Req, Res>[] = [];
  private head = 0;
  private active = 0;
  private waitingUnits = 0;
  private readonly counters: GroupCommitStats = { groups: 0, requests: 0, units: 0, failedGroups: 0, busyMs: 0 };

  constructor(private readonly opts: GroupCommitOptions<Req, Res>) {
    if (!(opts.writers >= 1) || !(opts.maxGroupSize >= 1)) throw new Error("GroupCommit needs writers >= 1 and maxGroupSize >= 1");
  }

  /** Resolves with this request's result once the transaction holding it has committed. */
  submit(request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const size = this.opts.sizeOf(request);
      this.queue.push({ request, size, resolve, reject });
      this.waitingUnits += size;
      this.pump();
    });
  }

  get writers(): number {
    return this.opts.writers;
  }

  get stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /** Requests waiting for a writer (not counting those in flight). */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  private pump(): void {
    while (this.active < this.opts.writers && this.waiting > 0) {
      if (this.active > 0 && this.waitingUnits < (this.opts.backlogForAnotherWriter ?? 1)) return;
      const group = this.takeGroup();
      this.active++;
      const started = performance.now();
      void this.write(group).finally(() => {
        this.counters.busyMs += performance.now() - started;
        this.active--;
        this.pump();
      });
    }
  }

  private takeGroup(): Pending<Req, Res>[] {
    const group: Pending<Req, Res>[] = [];
    let size = 0;
    while (this.waiting > 0) {
      const next = this.queue[this.head];
      if (group.length > 0 && size + next.size > this.opts.maxGroupSize) break;
      group.push(next);
      size += next.size;
      this.waitingUnits -= next.size;
      this.head++;
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > 1024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return group;
  }

  private async write(group: Pending<Req, Res>[]): Promise<void> {
    let results: Res[];
    this.counters.groups++;
    this.counters.requests += group.length;
    for (const p of group) this.counters.units += p.size;
    try {
      results = await this.opts.writeGroup(group.map((p) => p.request));
    } catch (e) {
      this.counters.failedGroups++;
      if (group.length === 1) group[0].reject(e);
      else await this.writeEachAlone(group);
      return;
    }
    if (results.length !== group.length) {
      const err = new Error(`writeGroup returned ${results.length} results for ${group.length} requests`);
      for (const p of group) p.reject(err);
      return;
    }
    for (let i = 0; i < group.length; i++) group[i].resolve(results[i]);
  }

  /** After a group failed: each request in its own transaction, so only the guilty one fails. */
  private async writeEachAlone(group: Pending<Req, Res>[]): Promise<void> {
    for (const p of group) {
      try {
        const results = await this.opts.writeGroup([p.request]);
        if (results.length !== 1) throw new Error(`writeGroup returned ${results.length} results for 1 request`);
        p.resolve(results[0]);
      } catch (e) {
        p.reject(e);
      }
    }
  }
}
