import { newId, nowSeconds } from "./ids";
import type { Store, StripeEvent, StripeObject } from "./store";
import type { WebhookDispatcher } from "./webhooks";

/** The API version stamped on events (the one `stripe` 23.1.0 pins). */
export const DEFAULT_API_VERSION = "2026-10-28.endive";

/** Which API request caused an event (`event.request`); both null for hosted-page actions. */
export interface RequestMeta {
  id: string | null;
  idempotencyKey: string | null;
}

export const NO_REQUEST: RequestMeta = { id: null, idempotencyKey: null };

/** Everything a handler needs: the store, the webhook dispatcher and the public base URL. */
export class Sandbox {
  baseUrl = "";

  constructor(
    readonly store: Store,
    readonly webhooks: WebhookDispatcher,
    readonly apiVersion: string,
  ) {}

  /** Records an event with a snapshot of `object` and hands it to the webhook dispatcher. */
  emit(type: string, object: StripeObject, meta: RequestMeta, previous?: Record<string, unknown>): StripeEvent {
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: this.apiVersion,
      created: nowSeconds(),
      data: previous ? { object: structuredClone(object), previous_attributes: previous } : { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: this.webhooks.wants(type) ? 1 : 0,
      request: { id: meta.id, idempotency_key: meta.idempotencyKey },
      type,
    };
    this.store.addEvent(event);
    this.webhooks.enqueue(event);
    return event;
  }
}
