import type { GroupCommitStats } from "@/lib/metering/group-commit";

/** The server thread's messages to the ingest worker, all on one port, so they arrive in the order sent. */
export type ToIngestWorker =
  | { kind: "ingest"; id: number; authorization: string | null; body: string }
  | { kind: "stats"; id: number }
  /** Caches the worker keeps for itself, emptied when the server thread empties its own. */
  | { kind: "forget-api-keys" }
  | { kind: "clear-ingest-context" };

export type CommitterStats = GroupCommitStats & { writers: number };

/** The ingest worker's messages: ready once its code is loaded, then one answer per ingest or stats message. */
export type FromIngestWorker =
  | { kind: "ready" }
  | { kind: "reply"; id: number; status: number; text: string }
  | { kind: "stats"; id: number; stats: CommitterStats };
