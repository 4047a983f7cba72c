/**
 * The load generator of `npm run bench:ingest`, run in its own process so that it does not share the
 * app's event loop. It takes a phase from the parent over IPC, sends it with keep-alive connections,
 * and reports throughput, latencies and what was acknowledged, which the parent checks against the
 * database. It keeps a ledger of every event acknowledged (accepted or duplicate) across phases.
 */
import http from "node:http";
import type { LoadRequest, LoadResult, Ledger, ClientMessage } from "./load-protocol";
import { prng } from "./prng";

type SentEvent = { id: string; customer: string; tokens: number; body: Record<string, unknown> };

const acknowledged = new Map<string, SentEvent>();
const acceptedKeys = new Set<string>();
let doubleAccepted = 0;

/** Events of one phase: new ones, and with probability `duplicateRate` an exact re-send of a recent one. */
function eventSource(req: LoadRequest) {
  const random = prng(req.seed);
  const recent: SentEvent[] = [];
  const models = ["gpt-x", "gpt-y", "claude-z"];
  const base = Date.now() - 30 * 60_000;
  let n = 0;
  return (): SentEvent => {
    if (recent.length > 0 && random() < req.duplicateRate) return recent[Math.floor(random() * recent.length)];
    const i = n++;
    const customer = req.customers[i % req.customers.length];
    const tokens = 1 + Math.floor(random() * 1000);
    const id = `${req.idPrefix}-${i}`;
    const body = {
      id,
      customer,
      type: req.eventType,
      timestamp: new Date(base + Math.floor(random() * 25 * 60_000)).toISOString(),
      properties: { tokens, model: models[i % models.length] },
    };
    const e = { id, customer, tokens, body };
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

type Outcome = { status: string };

async function runPhase(req: LoadRequest): Promise<LoadResult> {
  const url = new URL(req.url);
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

  const worker = async () => {
    while (performance.now() < deadline && events < req.maxEvents && errorCount < 20) {
      const batch: SentEvent[] = [];
      for (let i = 0; i < req.batchSize; i++) batch.push(next());
      const payload = req.batchSize === 1 ? JSON.stringify(batch[0].body) : JSON.stringify({ events: batch.map((e) => e.body) });
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
      if (req.noop) {
        if (res.status !== 204) {
          errorCount++;
          if (errors.length < 5) errors.push(`noop answered ${res.status}`);
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
        const key = `${e.customer}|${e.id}`;
        acknowledged.set(key, e);
        const s = outcomes[i].status;
        if (s === "accepted") {
          accepted++;
          if (acceptedKeys.has(key)) doubleAccepted++;
          acceptedKeys.add(key);
        } else if (s === "duplicate") duplicates++;
        else {
          errorCount++;
          if (errors.length < 5) errors.push(`event ${e.id}: ${JSON.stringify(outcomes[i]).slice(0, 300)}`);
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
  for (const e of acknowledged.values()) {
    const c = (byCustomer[e.customer] ??= { events: 0, tokens: "0" });
    c.events++;
    c.tokens = (BigInt(c.tokens) + BigInt(e.tokens)).toString();
  }
  let acceptedNotAcknowledged = 0;
  for (const k of acceptedKeys) if (!acknowledged.has(k)) acceptedNotAcknowledged++;
  return { acknowledged: acknowledged.size, accepted: acceptedKeys.size, doubleAccepted, acceptedNotAcknowledged, byCustomer };
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
