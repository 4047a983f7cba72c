import { createHmac } from "node:crypto";
import { nowSeconds } from "./ids";
import type { StripeEvent } from "./store";

/**
 * Stripe's webhook signature: `t=<unix>,v1=<hex HMAC-SHA256("<t>.<raw body>", secret)>`.
 * The key is the whole `whsec_...` string, exactly as `stripe.webhooks.constructEvent` expects.
 */
export function signPayload(payload: string, secret: string, timestamp = nowSeconds()): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

export interface WebhookOptions {
  url?: string;
  secret?: string;
  /** Delay before each retry; attempts = delays + 1. */
  retryDelaysMs: number[];
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Event types to deliver ("*" = all). */
  enabledEvents: string[] | "*";
  log: (line: string) => void;
}

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  attempt: number;
  url: string;
  /** HTTP status, or null when the connection failed. */
  status: number | null;
  error: string | null;
  at: string;
}

/** Posts events to the webhook endpoint, retrying with back-off on non-2xx or connection failure. */
export class WebhookDispatcher {
  readonly deliveries: DeliveryAttempt[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    private readonly options: WebhookOptions,
    private readonly onDelivered: (event: StripeEvent) => void,
  ) {}

  /** Points delivery at another endpoint (e.g. once the app knows its port). */
  configure(url: string, secret: string): void {
    this.options.url = url;
    this.options.secret = secret;
  }

  /** True when an endpoint is configured and subscribed to this event type. */
  wants(type: string): boolean {
    const { url, secret, enabledEvents } = this.options;
    return Boolean(url && secret) && (enabledEvents === "*" || enabledEvents.includes(type));
  }

  /** Starts delivering in the background; returns false if no endpoint wants the event. */
  enqueue(event: StripeEvent): boolean {
    if (this.closed || !this.wants(event.type)) return false;
    const delivery = this.deliver(event).finally(() => this.inflight.delete(delivery));
    this.inflight.add(delivery);
    return true;
  }

  /** Resolves once every delivery in flight (including its retries) has finished. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Stops retrying; deliveries in flight give up at their next step. */
  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const wake of this.sleepers) wake();
  }

  private async deliver(event: StripeEvent): Promise<void> {
    const attempts = this.options.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= attempts && !this.closed; attempt++) {
      const ok = await this.attempt(event, attempt, attempts);
      if (ok) {
        this.onDelivered(event);
        return;
      }
      if (attempt < attempts) await this.sleep(this.options.retryDelaysMs[attempt - 1]);
    }
  }

  private async attempt(event: StripeEvent, attempt: number, attempts: number): Promise<boolean> {
    const { url = "", secret = "" } = this.options;
    // Stripe sends pretty-printed JSON and signs the exact bytes it sends; each attempt is signed afresh.
    const payload = JSON.stringify(event, null, 2);
    const record: DeliveryAttempt = { eventId: event.id, type: event.type, attempt, url, status: null, error: null, at: new Date().toISOString() };
    try {
      const response = await fetch(url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.abort.signal]),
        headers: {
          "content-type": "application/json; charset=utf-8",
          "stripe-signature": signPayload(payload, secret),
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          accept: "*/*; q=0.5, application/xml",
          "cache-control": "no-cache",
        },
        body: payload,
      });
      await response.arrayBuffer().catch(() => undefined);
      record.status = response.status;
    } catch (error) {
      record.error = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    this.deliveries.push(record);
    const ok = record.status !== null && record.status >= 200 && record.status < 300;
    this.options.log(`webhook ${event.type} ${event.id} attempt ${attempt}/${attempts} -> ${record.status ?? record.error}`);
    return ok;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
