import type { GroupCommitStats } from "@/lib/db/group-commit";

/** The server thread's messages to the ingest worker, all on one port, so they arrive in the order sent. */
export type ToIngestWorker =
  /** contentType: the request's Content-Type (our JSON, or CloudEvents); absent is JSON. */
  | { kind: "ingest"; id: number; authorization: string | null; body: string; contentType?: string | null }
  | { kind: "stats"; id: number }
  /** A process cache (lib/cache) the server thread emptied: the worker empties its own copy. */
  | { kind: "clear-cache"; name: string };

export type CommitterStats = GroupCommitStats & { writers: number };

/** The ingest worker's messages: ready once its code is loaded, then one answer per ingest or stats message. */
export type FromIngestWorker =
  | { kind: "ready" }
  | { kind: "reply"; id: number; status: number; text: string }
  | { kind: "stats"; id: number; stats: CommitterStats };
