/**
 * The chaos run's client: posts batches and single events to POST /api/v1/events from `concurrency`
 * workers and records every id acknowledged (answered 2xx `accepted` or `duplicate`). 10% of requests are
 * retries of an earlier request (the same ids and bodies again; half of them mixed into a batch with new
 * ids). A request that fails (connection refused or reset while the app is killed, a 5xx) leaves its ids
 * unacknowledged: they are sent again, in a later request, until each is acknowledged.
 */
import { prng } from "@/tools/bench/prng";

export type ChaosEvent = { id: string; customer: string; type: string; timestamp: string; properties: { tokens: number; model: string } };

export type ClientCounts = {
  sent: number;
  requests: number;
  failedRequests: number;
  retries: number;
  /** Ids sent again because their request failed (the app was killed, or answered 5xx). */
  resent: number;
  acknowledged: number;
  accepted: number;
  duplicatesAnswered: number;
  /** Ids answered `accepted` by two answers: an acknowledged write was lost and written again. */
  acceptedTwice: number;
  /** Duplicates answered contentDiffers: the stored copy is not what was sent. */
  contentDiffers: number;
  /** 4xx answers or refused/rejected events: the run's events are all valid and funded. */
  unexpected: string[];
};

const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-3", "llama-3"];

export class ChaosClient {
  readonly events = new Map<string, ChaosEvent>();
  private readonly acked = new Set<string>();
  private readonly acceptedOnce = new Set<string>();
  /** Ids sent whose last attempt was not acknowledged, to send again. */
  private readonly pending: string[] = [];
  private readonly past: string[][] = [];
  private nextId = 0;
  private readonly random: () => number;
  inFlight = 0;
  readonly counts: ClientCounts = { sent: 0, requests: 0, failedRequests: 0, retries: 0, resent: 0, acknowledged: 0, accepted: 0, duplicatesAnswered: 0, acceptedTwice: 0, contentDiffers: 0, unexpected: [] };

  constructor(
    private readonly opts: { url: () => string; key: string; customers: string[]; type: string; total: number; seed: number; isUp: () => boolean },
  ) {
    this.random = prng(opts.seed);
  }

  /** Ids made so far (each sent at least once once its request went out). */
  get generated(): number {
    return this.nextId;
  }

  get done(): boolean {
    return this.nextId >= this.opts.total && this.acked.size === this.events.size && this.inFlight === 0;
  }

  acknowledgedIds(): ReadonlySet<string> {
    return this.acked;
  }

  /** Runs `concurrency` workers until every event is made and acknowledged, or `until` passes. */
  async run(concurrency: number, until: number): Promise<void> {
    await Promise.all(Array.from({ length: concurrency }, () => this.worker(until)));
  }

  private async worker(until: number): Promise<void> {
    while (!this.done && Date.now() < until) {
      if (!this.opts.isUp()) {
        await sleep(50);
        continue;
      }
      const ids = this.nextRequest();
      if (ids.length === 0) {
        await sleep(20);
        continue;
      }
      // A failed request (the app is down, or restarting) waits a moment before the next one.
      if (!(await this.send(ids))) await sleep(100);
    }
  }

  /** The ids of the next request: unacknowledged ones first, else a retry (10%), else new events. */
  private nextRequest(): string[] {
    if (this.pending.length > 0) {
      const ids = this.pending.splice(0, Math.min(this.pending.length, 1 + Math.floor(this.random() * 100))).filter((id) => !this.acked.has(id));
      this.counts.resent += ids.length;
      return ids;
    }
    if (this.past.length > 0 && this.random() < 0.1) {
      this.counts.retries++;
      const old = this.past[Math.floor(this.random() * this.past.length)];
      if (this.random() < 0.5 || this.nextId >= this.opts.total) return [...old];
      return shuffle([...old.slice(0, Math.max(1, Math.floor(old.length / 2))), ...this.fresh(1 + Math.floor(this.random() * 50))], this.random);
    }
    const ids = this.fresh(this.random() < 0.4 ? 1 : 2 + Math.floor(this.random() * 199));
    if (ids.length > 0) this.past.push(ids);
    return ids;
  }

  private fresh(n: number): string[] {
    const ids: string[] = [];
    for (; ids.length < n && this.nextId < this.opts.total; this.nextId++) {
      const id = `chaos-${this.opts.seed}-${this.nextId}`;
      const tokens = 1 + Math.floor(this.random() * 2000);
      this.events.set(id, {
        id,
        customer: this.opts.customers[Math.floor(this.random() * this.opts.customers.length)],
        type: this.opts.type,
        timestamp: new Date().toISOString(),
        properties: { tokens, model: MODELS[Math.floor(this.random() * MODELS.length)] },
      });
      ids.push(id);
    }
    return ids;
  }

  /** Sends one request; false when it failed (nothing acknowledged). */
  private async send(ids: string[]): Promise<boolean> {
    const events = ids.map((id) => this.events.get(id)!);
    const single = events.length === 1 && this.random() < 0.8;
    this.counts.requests++;
    this.counts.sent += events.length;
    this.inFlight++;
    try {
      const res = await fetch(this.opts.url(), {
        method: "POST",
        headers: { authorization: `Bearer ${this.opts.key}`, "content-type": "application/json" },
        body: JSON.stringify(single ? events[0] : { events }),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      if (res.status === 202) {
        this.record(single ? [JSON.parse(text) as Outcome] : (JSON.parse(text) as { events: Outcome[] }).events, ids);
        return true;
      }
      if (res.status < 500) this.counts.unexpected.push(`${res.status} ${text.slice(0, 300)}`);
      this.failed(ids);
      return false;
    } catch {
      this.failed(ids);
      return false;
    } finally {
      this.inFlight--;
    }
  }

  private record(outcomes: Outcome[], ids: string[]): void {
    const notAcked: string[] = [];
    outcomes.forEach((o, i) => {
      const id = ids[i];
      if (o.id !== id) this.counts.unexpected.push(`answer ${i} names ${o.id}, sent ${id}`);
      if (o.status === "accepted") {
        this.counts.accepted++;
        if (this.acceptedOnce.has(id)) this.counts.acceptedTwice++;
        this.acceptedOnce.add(id);
      } else if (o.status === "duplicate") {
        this.counts.duplicatesAnswered++;
        if (o.contentDiffers) this.counts.contentDiffers++;
      } else {
        this.counts.unexpected.push(`${id}: ${JSON.stringify(o).slice(0, 300)}`);
        notAcked.push(id);
        return;
      }
      if (!this.acked.has(id)) {
        this.acked.add(id);
        this.counts.acknowledged++;
      }
    });
    this.pending.push(...notAcked);
  }

  private failed(ids: string[]): void {
    this.counts.failedRequests++;
    for (const id of ids) if (!this.acked.has(id) && !this.pending.includes(id)) this.pending.push(id);
  }
}

type Outcome = { id: string; status: string; contentDiffers?: boolean };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
