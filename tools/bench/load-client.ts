/**
 * The load generator of `npm run bench:ingest` (and of `bench:check` and `bench:dashboard`, which send GETs: LoadRequest.paths, the latter with a session cookie each),
 * run in its own process so that it does not share the app's event loop. It takes a phase from the parent
 * over IPC, sends it with keep-alive connections, and reports throughput, latencies and what was
 * acknowledged, which the parent checks against the database. It keeps a ledger of every event
 * acknowledged (accepted or duplicate) across phases.
 */
import http from "node:http";
import type { LoadRequest, LoadResult, Ledger, ClientMessage } from "./load-protocol";
import { prng } from "./prng";

/** An event as sent: its JSON text is made once, so a re-send is the exact same bytes. */
type SentEvent = { seq: number; customer: number; tokens: number; json: string };

/**
 * The ledger, by event (`seq`, across phases) in typed arrays rather than maps of strings: this process
 * shares the machine with the app and the database, and hundreds of thousands of map entries cost it
 * more CPU (hashing, garbage collection) than making the requests.
 */
const customerNames: string[] = [];
const customerIndex = new Map<string, number>();
let nextSeq = 0;
let customerOf = new Int32Array(1 << 20);
let tokensOf = new Int32Array(1 << 20);
/** 1 once acknowledged (accepted or duplicate). */
let acked = new Uint8Array(1 << 20);
/** How many times the app answered "accepted" (more than once is a double acceptance). */
let acceptedTimes = new Uint8Array(1 << 20);
let doubleAccepted = 0;

function newSeq(customer: number, tokens: number): number {
  const seq = nextSeq++;
  if (seq >= acked.length) {
    const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    customerOf = grow(customerOf);
    tokensOf = grow(tokensOf);
    acked = grow(acked);
    acceptedTimes = grow(acceptedTimes);
  }
  customerOf[seq] = customer;
  tokensOf[seq] = tokens;
  return seq;
}

const SAFE = /^[\w.-]+$/;

/** Events of one phase: new ones, and with probability `duplicateRate` an exact re-send of a recent one. */
function eventSource(req: LoadRequest) {
  for (const s of [...req.customers, req.eventType, req.idPrefix]) if (!SAFE.test(s)) throw new Error(`bench names must be plain: ${s}`);
  const customers = req.customers.map((name) => {
    let i = customerIndex.get(name);
    if (i === undefined) {
      i = customerNames.push(name) - 1;
      customerIndex.set(name, i);
    }
    return i;
  });
  const random = prng(req.seed);
  const recent: SentEvent[] = [];
  const models = ["gpt-x", "gpt-y", "claude-z"];
  // Timestamps within the last 30 minutes, to the second, made once.
  const base = Date.now() - 30 * 60_000;
  const stamps = Array.from({ length: 25 * 60 }, (_, s) => new Date(base + s * 1000).toISOString());
  let n = 0;
  return (): SentEvent => {
    if (recent.length > 0 && random() < req.duplicateRate) return recent[Math.floor(random() * recent.length)];
    const i = n++;
    const customer = customers[i % customers.length];
    const tokens = 1 + Math.floor(random() * 1000);
    const stamp = stamps[Math.floor(random() * stamps.length)];
    const json = `{"id":"${req.idPrefix}-${i}","customer":"${customerNames[customer]}","type":"${req.eventType}","timestamp":"${stamp}","properties":{"tokens":${tokens},"model":"${models[i % models.length]}"}}`;
    const e = { seq: newSeq(customer, tokens), customer, tokens, json };
    if (recent.length < 5000) recent.push(e);
    else recent[i % 5000] = e;
    return e;
  };
}

function post(agent: http.Agent, url: URL, key: string, payload: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), authorization: `Bearer ${key}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: chunks.length ? Buffer.concat(chunks).toString("utf8") : "" }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** A GET of `path` (with its query); the body is read and dropped. */
function get(agent: http.Agent, url: URL, path: string, key: string, cookie?: string): Promise<{ status: number; text: string }> {
  const headers: http.OutgoingHttpHeaders = cookie ? { cookie } : { authorization: `Bearer ${key}` };
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path, method: "GET", headers }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: "" }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

type Outcome = { status: string };

async function runPhase(req: LoadRequest): Promise<LoadResult> {
  const target = new URL(req.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: req.concurrency });
  const next = eventSource(req);
  const latencies: number[] = [];
  const errors: string[] = [];
  let errorCount = 0;
  let events = 0;
  let accepted = 0;
  let duplicates = 0;
  const started = performance.now();
  const deadline = started + req.durationMs;

  let nextPath = 0;
  let nextWorker = 0;
  const worker = async () => {
    const k = nextWorker++;
    const url = req.origins ? new URL(target.pathname, req.origins[k % req.origins.length]) : target;
    while (performance.now() < deadline && events < req.maxEvents && errorCount < 20) {
      if (req.paths) {
        const i = nextPath++ % req.paths.length;
        const path = req.paths[i];
        events++;
        const t0 = performance.now();
        try {
          const res = await get(agent, url, path, req.key, req.cookies?.[i]);
          latencies.push(performance.now() - t0);
          if (res.status !== req.ceilingStatus) throw new Error(`${path} answered ${res.status}`);
        } catch (e) {
          errorCount++;
          if (errors.length < 5) errors.push((e as Error).message);
        }
        continue;
      }
      const batch: SentEvent[] = [];
      for (let i = 0; i < req.batchSize; i++) batch.push(next());
      const payload = req.batchSize === 1 ? batch[0].json : `{"events":[${batch.map((e) => e.json).join(",")}]}`;
      events += batch.length;
      const t0 = performance.now();
      let res: { status: number; text: string };
      try {
        res = await post(agent, url, req.key, payload);
      } catch (e) {
        errorCount++;
        if (errors.length < 5) errors.push((e as Error).message);
        continue;
      }
      latencies.push(performance.now() - t0);
      if (req.ceilingStatus !== null) {
        if (res.status !== req.ceilingStatus) {
          errorCount++;
          if (errors.length < 5) errors.push(`${url.pathname} answered ${res.status}`);
        }
        continue;
      }
      if (res.status !== 202) {
        errorCount++;
        if (errors.length < 5) errors.push(`${res.status} ${res.text.slice(0, 300)}`);
        continue;
      }
      const body = JSON.parse(res.text) as Outcome & { events?: Outcome[] };
      const outcomes = req.batchSize === 1 ? [body] : (body.events ?? []);
      if (outcomes.length !== batch.length) {
        errorCount++;
        if (errors.length < 5) errors.push(`expected ${batch.length} outcomes, got ${outcomes.length}`);
        continue;
      }
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i];
        const s = outcomes[i].status;
        if (s === "accepted") {
          accepted++;
          acked[e.seq] = 1;
          if (acceptedTimes[e.seq] > 0) doubleAccepted++;
          if (acceptedTimes[e.seq] < 255) acceptedTimes[e.seq]++;
        } else if (s === "duplicate") {
          duplicates++;
          acked[e.seq] = 1;
        } else {
          errorCount++;
          if (errors.length < 5) errors.push(`event ${e.json.slice(0, 80)}: ${JSON.stringify(outcomes[i]).slice(0, 300)}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: req.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
  return { requests: latencies.length, events, elapsedMs, p50Ms: pct(0.5), p99Ms: pct(0.99), errors: errorCount, errorSamples: errors, accepted, duplicates };
}

function ledger(): Ledger {
  const byCustomer: Ledger["byCustomer"] = {};
  const events = new Array<number>(customerNames.length).fill(0);
  const tokens = new Array<number>(customerNames.length).fill(0); // at most 1,000 per event: exact below 2^53
  let acknowledged = 0;
  let accepted = 0;
  let acceptedNotAcknowledged = 0;
  for (let seq = 0; seq < nextSeq; seq++) {
    if (acceptedTimes[seq] > 0) accepted++;
    if (!acked[seq]) {
      if (acceptedTimes[seq] > 0) acceptedNotAcknowledged++;
      continue;
    }
    acknowledged++;
    events[customerOf[seq]]++;
    tokens[customerOf[seq]] += tokensOf[seq];
  }
  customerNames.forEach((name, c) => {
    if (events[c] > 0) byCustomer[name] = { events: events[c], tokens: String(tokens[c]) };
  });
  return { acknowledged, accepted, doubleAccepted, acceptedNotAcknowledged, byCustomer };
}

// Never outlive the benchmark that started this process.
process.on("disconnect", () => process.exit(0));
process.on("message", (msg: ClientMessage) => {
  const reply = (m: unknown) => process.send!(m);
  if (msg.kind === "phase") runPhase(msg.request).then(reply, (e: Error) => reply({ fatal: e.message }));
  else if (msg.kind === "ledger") reply(ledger());
  else if (msg.kind === "exit") process.exit(0);
});
process.send!({ ready: true });
