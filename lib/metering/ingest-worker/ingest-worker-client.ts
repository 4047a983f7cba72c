import path from "node:path";
import { isMainThread, Worker } from "node:worker_threads";
import { onProcessCacheCleared } from "@/lib/cache/process-cache";
import { AppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";
import type { CommitterStats, FromIngestWorker, ToIngestWorker } from "./messages";
import { workerEntry } from "./worker-bundle";

type Reply = Extract<FromIngestWorker, { kind: "reply" | "stats" }>;
type Waiter = { resolve: (m: Reply) => void; reject: (e: unknown) => void };
type State = { worker: Worker; waiting: Map<number, Waiter>; nextId: number; ready: boolean; stopped: boolean };

const globalForWorker = globalThis as unknown as { __meterlyIngestWorker?: State; __meterlyIngestWorkerUnavailable?: boolean };

/** Parsed events live until their group commits: a larger young generation keeps them out of the old one (BENCHMARKS.md). */
const WORKER_YOUNG_GENERATION_MB = 64;

/** The worker could not load its code: nothing was sent to the database, so the caller ingests in its own thread. */
export class IngestWorkerDidNotStart extends Error {}

/**
 * Whether `POST /api/v1/events` is answered by the ingest worker thread: INGEST_WORKER "on", or "auto"
 * (the default) in the production Next.js server (`next dev` keeps ingestion on its own thread, where
 * code changes reload). Never inside the worker itself, and not once the worker has failed to start in
 * this process (then requests are ingested on the server thread, as in tests).
 */
export function ingestWorkerEnabled(): boolean {
  if (!isMainThread || globalForWorker.__meterlyIngestWorkerUnavailable) return false;
  const { INGEST_WORKER: mode, NODE_ENV } = env();
  return mode === "on" || (mode === "auto" && NODE_ENV === "production" && process.env.NEXT_RUNTIME === "nodejs");
}

/** Starts the worker now (at server start) rather than on the first request. */
export function startIngestWorker(): void {
  worker();
}

/** One request's authorization header, body and Content-Type, answered by the worker: its status and JSON text. */
export async function ingestInWorker(authorization: string | null, body: string, contentType: string | null = null): Promise<{ status: number; text: string }> {
  const m = await call((id) => ({ kind: "ingest", id, authorization, body, contentType }));
  if (m.kind !== "reply") throw new Error(`ingest worker answered ${m.kind} to an ingest message`);
  return m;
}

/** The worker's group-commit counters (npm run bench:ingest). */
export async function ingestWorkerStats(): Promise<CommitterStats> {
  const m = await call((id) => ({ kind: "stats", id }));
  if (m.kind !== "stats") throw new Error(`ingest worker answered ${m.kind} to a stats message`);
  return m.stats;
}

/**
 * Passes a cleared process cache on to the worker, if one runs. It is queued on the port that carries the
 * requests, so every request handed over afterwards sees it.
 */
function forwardClearedCache(name: string): void {
  const s = globalForWorker.__meterlyIngestWorker;
  if (s && !s.stopped) s.worker.postMessage({ kind: "clear-cache", name } satisfies ToIngestWorker);
}

/** Stops the worker (tests); requests waiting on it fail as when it dies. */
export async function stopIngestWorker(): Promise<void> {
  const s = globalForWorker.__meterlyIngestWorker;
  if (s) await s.worker.terminate();
}

function call(message: (id: number) => ToIngestWorker): Promise<Reply> {
  const s = worker();
  const id = s.nextId++;
  return new Promise<Reply>((resolve, reject) => {
    s.waiting.set(id, { resolve, reject });
    s.worker.postMessage(message(id));
  });
}

function worker(): State {
  const current = globalForWorker.__meterlyIngestWorker;
  if (current && !current.stopped) return current;
  // The worker loads the project's own files at run time (the build's bundle, or the TypeScript through
  // tsx): the bundler must not follow this path.
  const root = process.cwd();
  const entry = path.join(/* turbopackIgnore: true */ root, workerEntry(root, process.env.NODE_ENV === "production"));
  // A profiled server (npm run bench:ingest -- --profile) profiles its worker too.
  const profiling = process.execArgv.filter((a) => a.startsWith("--cpu-prof"));
  const w = new Worker(/* turbopackIgnore: true */ entry, { execArgv: [...profiling, "--conditions=react-server"], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  w.unref(); // never what keeps a process alive; a server is kept alive by its listening socket
  const s: State = { worker: w, waiting: new Map(), nextId: 1, ready: false, stopped: false };
  onProcessCacheCleared(forwardClearedCache);
  w.on("message", (m: FromIngestWorker) => {
    if (m.kind === "ready") {
      s.ready = true;
      return;
    }
    const waiter = s.waiting.get(m.id);
    s.waiting.delete(m.id);
    waiter?.resolve(m);
  });
  const stopped = (why: unknown) => {
    if (s.stopped) return;
    s.stopped = true;
    if (globalForWorker.__meterlyIngestWorker === s) globalForWorker.__meterlyIngestWorker = undefined;
    if (!s.ready) {
      globalForWorker.__meterlyIngestWorkerUnavailable = true;
      console.error("The ingest worker could not start; events are ingested on the server thread:", why);
    } else console.error("The ingest worker stopped; a new one starts with the next request:", why);
    // Before `ready` nothing reached the database; after it, a request may have been committed or not,
    // so it is not acknowledged: the client sends it again, and its events' ids make that safe.
    const error = s.ready ? new AppError("UNAVAILABLE", "The events could not be stored and none of them were acknowledged; send them again") : new IngestWorkerDidNotStart(String(why));
    for (const waiter of s.waiting.values()) waiter.reject(error);
    s.waiting.clear();
  };
  w.on("error", stopped);
  w.on("exit", (code) => stopped(new Error(`exit code ${code}`)));
  globalForWorker.__meterlyIngestWorker = s;
  return s;
}
