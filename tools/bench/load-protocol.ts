/** Messages between `ingest.ts` (and `check.ts`, `dashboard.ts`) and their load-generator process. */
export type LoadRequest = {
  url: string;
  key: string;
  /** Events per request: 1 sends a bare event, more send `{ events: [...] }`. */
  batchSize: number;
  concurrency: number;
  durationMs: number;
  maxEvents: number;
  duplicateRate: number;
  customers: string[];
  eventType: string;
  idPrefix: string;
  seed: number;
  /** For a ceiling route (not the events route), the status it answers (204 no-op, 202 echo); it records nothing. Null for the events route. */
  ceilingStatus: number | null;
  /**
   * GETs instead of posting events (bench:check): each request is the next of these paths (with their
   * query), in turn, against `url`'s origin, and must answer `ceilingStatus`. `events` counts requests.
   */
  paths?: string[];
  /** Several app instances (bench:ingest --instances N): client k sends to origins[k % N] instead of `url`'s origin, same path. */
  origins?: string[];
  /** With `paths`: the Cookie header of each path's request (same index), e.g. a signed-in session (bench:dashboard). */
  cookies?: string[];
};

export type LoadResult = {
  requests: number;
  events: number;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  errorSamples: string[];
  accepted: number;
  duplicates: number;
};

/** Everything acknowledged so far, each (customer, id) once. Token sums are decimal strings. */
export type Ledger = {
  acknowledged: number;
  accepted: number;
  doubleAccepted: number;
  acceptedNotAcknowledged: number;
  byCustomer: Record<string, { events: number; tokens: string }>;
};

export type ClientMessage = { kind: "phase"; request: LoadRequest } | { kind: "ledger" } | { kind: "exit" };
