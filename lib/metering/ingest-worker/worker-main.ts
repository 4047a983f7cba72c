/**
 * The ingest worker thread (started by ingest-worker-client.ts through worker-entry.mjs): answers the
 * server thread's `POST /api/v1/events` requests with handleIngestRequest, so that authenticating,
 * validating, grouping and writing events (the group committer and its pg pool live here) run beside
 * Next.js's request handling instead of on its thread.
 */
import { parentPort } from "node:worker_threads";
import { clearProcessCache } from "@/lib/cache/process-cache";
import { eventCommitter } from "@/lib/metering/ingest/event-committer";
import { handleIngestRequest } from "@/lib/metering/ingest/handle-ingest-request";
import type { FromIngestWorker, ToIngestWorker } from "./messages";

const port = parentPort;
if (!port) throw new Error("worker-main.ts runs only as the ingest worker thread");
const send = (m: FromIngestWorker) => port.postMessage(m);
const INTERNAL = JSON.stringify({ error: { code: "INTERNAL", message: "Internal server error" } });

port.on("message", (m: ToIngestWorker) => {
  switch (m.kind) {
    case "ingest":
      // Deferred to the end of this event-loop turn, so database answers that arrived in it go first
      // (BENCHMARKS.md, "ingest worker"). Requests keep their order.
      setImmediate(answer, m.id, m.authorization, m.body, m.contentType ?? null);
      return;
    case "stats":
      void Promise.resolve(eventCommitter()).then((c) => send({ kind: "stats", id: m.id, stats: { ...c.stats, writers: c.writers } }));
      return;
    case "clear-cache":
      clearProcessCache(m.name);
      return;
  }
});

function answer(id: number, authorization: string | null, body: string, contentType: string | null): void {
  handleIngestRequest(authorization, body, contentType).then(
    (reply) => send({ kind: "reply", id, status: reply.status, text: JSON.stringify(reply.body) }),
    (e: unknown) => {
      console.error("ingest worker: unhandled error:", e);
      send({ kind: "reply", id, status: 500, text: INTERNAL });
    },
  );
}

send({ kind: "ready" });
