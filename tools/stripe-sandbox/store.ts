import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CheckoutExtras, CheckoutSession, LineItem } from "./checkout-objects";
import { noSuch } from "./errors";
import type { Customer, PaymentMethod } from "./objects";
import type { Charge, PaymentIntent, Refund, SetupIntent } from "./payment-objects";

export type StripeObject = Customer | PaymentMethod | CheckoutSession | PaymentIntent | Charge | Refund | SetupIntent;

export interface StripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** A stored response for an `Idempotency-Key`, replayed for a retried request. */
export interface IdempotencyRecord {
  method: string;
  path: string;
  params: string;
  status: number;
  body: string;
  requestId: string;
}

interface Collections {
  customers: Customer;
  checkoutSessions: CheckoutSession;
  paymentIntents: PaymentIntent;
  paymentMethods: PaymentMethod;
  charges: Charge;
  refunds: Refund;
  setupIntents: SetupIntent;
}

type Tables = { [K in keyof Collections]: Record<string, Collections[K]> };

export type SandboxState = Tables & {
  /** Line items per checkout session id. */
  lineItems: Record<string, LineItem[]>;
  /** Per checkout session: what to put on the intent it creates when paid. */
  checkoutExtras: Record<string, CheckoutExtras>;
  /** The test card number behind each PaymentMethod (never exposed through the API). */
  cardNumbers: Record<string, string>;
  /** Oldest first. */
  events: StripeEvent[];
  idempotency: Record<string, IdempotencyRecord>;
};

/** How Stripe names each resource in "No such ..." errors. */
const RESOURCE_NAMES: Record<keyof Collections, string> = {
  customers: "customer",
  checkoutSessions: "checkout session",
  paymentIntents: "payment_intent",
  paymentMethods: "PaymentMethod",
  charges: "charge",
  refunds: "refund",
  setupIntents: "setupintent",
};

const MAX_IDEMPOTENCY_RECORDS = 5000;

function emptyState(): SandboxState {
  return {
    customers: {},
    checkoutSessions: {},
    paymentIntents: {},
    paymentMethods: {},
    charges: {},
    refunds: {},
    setupIntents: {},
    lineItems: {},
    checkoutExtras: {},
    cardNumbers: {},
    events: [],
    idempotency: {},
  };
}

/** In-memory sandbox state, optionally persisted as JSON so a restarted sandbox keeps its objects. */
export class Store {
  readonly state: SandboxState;

  constructor(private readonly file?: string) {
    this.state = emptyState();
    if (file && existsSync(file)) {
      const loaded: unknown = JSON.parse(readFileSync(file, "utf8"));
      if (typeof loaded !== "object" || loaded === null) throw new Error(`State file is not a JSON object: ${file}`);
      Object.assign(this.state, loaded);
    }
  }

  /** Writes the state file (atomically: temp file + rename). No-op without a file. */
  save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.file);
  }

  /** Fetches an object or throws Stripe's 404 `No such <resource>: '<id>'`. */
  get<K extends keyof Collections>(kind: K, id: string, param = "id"): Collections[K] {
    const found = this.find(kind, id);
    if (!found) throw noSuch(RESOURCE_NAMES[kind], id, param);
    return found;
  }

  find<K extends keyof Collections>(kind: K, id: string): Collections[K] | undefined {
    const table = this.table(kind);
    return Object.hasOwn(table, id) ? table[id] : undefined;
  }

  put<K extends keyof Collections>(kind: K, object: Collections[K]): Collections[K] {
    this.table(kind)[object.id] = object;
    return object;
  }

  private table<K extends keyof Collections>(kind: K): Record<string, Collections[K]> {
    const tables: Tables = this.state;
    return tables[kind];
  }

  /** Any stored object by id, whatever its type (used for `expand[]`). */
  lookup(id: string): StripeObject | undefined {
    for (const kind of Object.keys(RESOURCE_NAMES) as (keyof Collections)[]) {
      const found = this.find(kind, id);
      if (found) return found;
    }
    return undefined;
  }

  addEvent(event: StripeEvent): void {
    this.state.events.push(event);
  }

  event(id: string): StripeEvent {
    const found = this.state.events.find((e) => e.id === id);
    if (!found) throw noSuch("event", id);
    return found;
  }

  idempotencyRecord(key: string): IdempotencyRecord | undefined {
    return Object.hasOwn(this.state.idempotency, key) ? this.state.idempotency[key] : undefined;
  }

  rememberIdempotent(key: string, record: IdempotencyRecord): void {
    this.state.idempotency[key] = record;
    const keys = Object.keys(this.state.idempotency);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_IDEMPOTENCY_RECORDS))) {
      delete this.state.idempotency[old];
    }
  }
}
